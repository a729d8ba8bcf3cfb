using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GovHall.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Handling : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CorrectionNotice",
                table: "cases",
                type: "TEXT",
                maxLength: 20000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "DecidedAt",
                table: "cases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Decision",
                table: "cases",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DeliveredBy",
                table: "cases",
                type: "TEXT",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DeliveryNote",
                table: "cases",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ExtensionDays",
                table: "cases",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "ExtensionRequestedDays",
                table: "cases",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "PromisedDeadline",
                table: "cases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "StepIndex",
                table: "cases",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "StepName",
                table: "cases",
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "StepRole",
                table: "cases",
                type: "TEXT",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "StepStartedOn",
                table: "cases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SuspendedCalendarDays",
                table: "cases",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "SuspendedFromStage",
                table: "cases",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "SuspendedOn",
                table: "cases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SuspendedWorkingDays",
                table: "cases",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "step_limit",
                table: "cases",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "step_limit_unit",
                table: "cases",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "WorkingDays");

            migrationBuilder.CreateTable(
                name: "case_documents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EventSequence = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Length = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_documents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_case_documents_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "certificates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseNumber = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    ItemCode = table.Column<string>(type: "TEXT", maxLength: 31, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    HolderName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    HolderIdMasked = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    CreditCode = table.Column<string>(type: "TEXT", maxLength: 18, nullable: true),
                    AccountId = table.Column<Guid>(type: "TEXT", nullable: true),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Issuer = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    IssuedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ValidUntil = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    KeyId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Payload = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Signature = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    PdfSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    RevokedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RevokedReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    RevokedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_certificates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_certificates_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_cases_StepRole_Department",
                table: "cases",
                columns: new[] { "StepRole", "Department" });

            migrationBuilder.CreateIndex(
                name: "IX_case_documents_CaseId_EventSequence",
                table: "case_documents",
                columns: new[] { "CaseId", "EventSequence" });

            migrationBuilder.CreateIndex(
                name: "IX_certificates_AccountId",
                table: "certificates",
                column: "AccountId");

            migrationBuilder.CreateIndex(
                name: "IX_certificates_CaseId",
                table: "certificates",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_certificates_Number",
                table: "certificates",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_certificates_OrganizationId",
                table: "certificates",
                column: "OrganizationId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "case_documents");

            migrationBuilder.DropTable(
                name: "certificates");

            migrationBuilder.DropIndex(
                name: "IX_cases_StepRole_Department",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "CorrectionNotice",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "DecidedAt",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "Decision",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "DeliveredBy",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "DeliveryNote",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "ExtensionDays",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "ExtensionRequestedDays",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "PromisedDeadline",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "StepIndex",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "StepName",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "StepRole",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "StepStartedOn",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "SuspendedCalendarDays",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "SuspendedFromStage",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "SuspendedOn",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "SuspendedWorkingDays",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "step_limit",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "step_limit_unit",
                table: "cases");
        }
    }
}
