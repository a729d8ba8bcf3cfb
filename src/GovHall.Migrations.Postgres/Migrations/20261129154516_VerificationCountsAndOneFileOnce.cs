using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GovHall.Migrations.Postgres.Migrations
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
                    Key = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Tries = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_verification_counts", x => x.Key);
                });

            // A draft may hold the same file twice for one material from before the index (two
            // uploads at once): keep one, or the index cannot be made.
            migrationBuilder.Sql("""
                DELETE FROM draft_files a USING draft_files b WHERE a."DraftId" = b."DraftId" AND a."Material" = b."Material" AND a."Sha256" = b."Sha256" AND a."Id" > b."Id";
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
