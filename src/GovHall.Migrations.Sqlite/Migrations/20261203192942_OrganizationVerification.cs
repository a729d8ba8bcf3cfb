using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GovHall.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class OrganizationVerification : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Organisations registered before verification existed keep acting (Verified); new
            // ones are written with their status by the code.
            migrationBuilder.AddColumn<string>(
                name: "ReviewNote",
                table: "organizations",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Status",
                table: "organizations",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "Verified");

            migrationBuilder.AddColumn<DateTime>(
                name: "VerifiedAt",
                table: "organizations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VerifiedBy",
                table: "organizations",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "known_institutions",
                columns: table => new
                {
                    CreditCode = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    LegalRepresentative = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    ImportedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ImportedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_known_institutions", x => x.CreditCode);
                });

            migrationBuilder.CreateTable(
                name: "organization_documents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Length = table.Column<long>(type: "INTEGER", nullable: false),
                    UploadedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_organization_documents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_organization_documents_organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_organizations_Status_CreatedAt",
                table: "organizations",
                columns: new[] { "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_organization_documents_OrganizationId_UploadedAt",
                table: "organization_documents",
                columns: new[] { "OrganizationId", "UploadedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "known_institutions");

            migrationBuilder.DropTable(
                name: "organization_documents");

            migrationBuilder.DropIndex(
                name: "IX_organizations_Status_CreatedAt",
                table: "organizations");

            migrationBuilder.DropColumn(
                name: "ReviewNote",
                table: "organizations");

            migrationBuilder.DropColumn(
                name: "Status",
                table: "organizations");

            migrationBuilder.DropColumn(
                name: "VerifiedAt",
                table: "organizations");

            migrationBuilder.DropColumn(
                name: "VerifiedBy",
                table: "organizations");
        }
    }
}
