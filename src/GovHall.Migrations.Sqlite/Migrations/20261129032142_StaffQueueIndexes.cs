using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GovHall.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class StaffQueueIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_cases_StepRole_Department",
                table: "cases");

            migrationBuilder.CreateIndex(
                name: "IX_cases_ExtensionRequestedDays",
                table: "cases",
                column: "ExtensionRequestedDays",
                filter: "\"ExtensionRequestedDays\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_cases_StepRole_Department_SubmittedAt",
                table: "cases",
                columns: new[] { "StepRole", "Department", "SubmittedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_cases_ExtensionRequestedDays",
                table: "cases");

            migrationBuilder.DropIndex(
                name: "IX_cases_StepRole_Department_SubmittedAt",
                table: "cases");

            migrationBuilder.CreateIndex(
                name: "IX_cases_StepRole_Department",
                table: "cases",
                columns: new[] { "StepRole", "Department" });
        }
    }
}
