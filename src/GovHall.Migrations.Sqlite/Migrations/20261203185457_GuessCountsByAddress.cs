using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GovHall.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class GuessCountsByAddress : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
