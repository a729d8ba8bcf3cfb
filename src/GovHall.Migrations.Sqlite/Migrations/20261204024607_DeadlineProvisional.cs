using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GovHall.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DeadlineProvisional : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "DeadlineProvisional",
                table: "cases",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            // Cases accepted while a year was missing have no deadline: start-up counts them
            // (StartupTasks, RecountDeadlines) once they are marked.
            migrationBuilder.Sql("UPDATE cases SET \"DeadlineProvisional\" = 1 WHERE \"AcceptedAt\" IS NOT NULL AND \"Deadline\" IS NULL;");

            migrationBuilder.CreateIndex(
                name: "IX_cases_DeadlineProvisional",
                table: "cases",
                column: "DeadlineProvisional",
                filter: "\"DeadlineProvisional\"");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_cases_DeadlineProvisional",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "DeadlineProvisional",
                table: "cases");
        }
    }
}
