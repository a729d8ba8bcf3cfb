using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GovHall.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class VerificationCountsAndOneFileOnce : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "verification_counts",
                columns: table => new
                {
                    Key = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Tries = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_verification_counts", x => x.Key);
                });

            // A draft may hold the same file twice for one material from before the index (two
            // uploads at once): keep one, or the index cannot be made.
            migrationBuilder.Sql("""
                DELETE FROM draft_files WHERE rowid NOT IN (SELECT MIN(rowid) FROM draft_files GROUP BY "DraftId", "Material", "Sha256");
                """);

            migrationBuilder.CreateIndex(
                name: "IX_draft_files_DraftId_Material_Sha256",
                table: "draft_files",
                columns: new[] { "DraftId", "Material", "Sha256" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "verification_counts");

            migrationBuilder.DropIndex(
                name: "IX_draft_files_DraftId_Material_Sha256",
                table: "draft_files");
        }
    }
}
