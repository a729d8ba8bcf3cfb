using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GovHall.Migrations.Postgres.Migrations
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
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Status",
                table: "organizations",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "Verified");

            migrationBuilder.AddColumn<DateTime>(
                name: "VerifiedAt",
                table: "organizations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VerifiedBy",
                table: "organizations",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "known_institutions",
                columns: table => new
                {
                    CreditCode = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    LegalRepresentative = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    ImportedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ImportedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_known_institutions", x => x.CreditCode);
                });

            migrationBuilder.CreateTable(
                name: "organization_documents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Length = table.Column<long>(type: "bigint", nullable: false),
                    UploadedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
