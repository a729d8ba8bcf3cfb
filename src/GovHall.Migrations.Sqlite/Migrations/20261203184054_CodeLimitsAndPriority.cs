using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GovHall.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class CodeLimitsAndPriority : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AskedFromIndex",
                table: "one_time_codes",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TargetIndex",
                table: "one_time_codes",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "BodyProtected",
                table: "notifications",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "Priority",
                table: "notifications",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "IX_one_time_codes_AskedFromIndex_CreatedAt",
                table: "one_time_codes",
                columns: new[] { "AskedFromIndex", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_one_time_codes_TargetIndex_CreatedAt",
                table: "one_time_codes",
                columns: new[] { "TargetIndex", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_one_time_codes_AskedFromIndex_CreatedAt",
                table: "one_time_codes");

            migrationBuilder.DropIndex(
                name: "IX_one_time_codes_TargetIndex_CreatedAt",
                table: "one_time_codes");

            migrationBuilder.DropColumn(
                name: "AskedFromIndex",
                table: "one_time_codes");

            migrationBuilder.DropColumn(
                name: "TargetIndex",
                table: "one_time_codes");

            migrationBuilder.DropColumn(
                name: "BodyProtected",
                table: "notifications");

            migrationBuilder.DropColumn(
                name: "Priority",
                table: "notifications");
        }
    }
}
