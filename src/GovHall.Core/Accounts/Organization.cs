using GovHall.Core.Codes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GovHall.Core.Accounts;

// An organisation (法人: a school, a kindergarten, a training institution) and the persons who
// may act for it (经办人). Its administrator adds and removes agents; an agent sees and acts on
// the organisation's records, nobody else does. It acts only once verified
// (OrganizationVerification): until then nobody can apply, file or act in its name.
public sealed class Organization
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public required string CreditCode { get; init; }
    public required string LegalRepresentative { get; set; }
    public DateTime CreatedAt { get; init; }

    public OrganizationStatus Status { get; set; }
    public DateTime? VerifiedAt { get; set; }

    // How it was verified or refused: "registry" (the bureau's list of institutions), or the
    // reviewing member of staff's name.
    public string? VerifiedBy { get; set; }

    // Why staff refused the authorisation letter, for the administrator.
    public string? ReviewNote { get; set; }
}

// 待核验 (registered, nothing sent yet), 审核中 (authorisation letter and licence sent to
// staff), 已核验, 未通过 (refused with a reason; the administrator may send again).
public enum OrganizationStatus { Pending, UnderReview, Verified, Refused }

public sealed class OrganizationMember
{
    public Guid OrganizationId { get; init; }
    public Guid AccountId { get; init; }
    public MemberRole Role { get; set; }
    public DateTime AddedAt { get; init; }
    public required string AddedBy { get; init; }
}

public enum MemberRole { Administrator, Agent }

internal sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> builder)
    {
        builder.ToTable("organizations");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Name).HasMaxLength(100);
        builder.Property(o => o.CreditCode).HasMaxLength(18);
        builder.Property(o => o.LegalRepresentative).HasMaxLength(50);
        builder.HasIndex(o => o.CreditCode).IsUnique();
        builder.Property(o => o.Status).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(o => new { o.Status, o.CreatedAt });
        builder.Property(o => o.VerifiedBy).HasMaxLength(100);
        builder.Property(o => o.ReviewNote).HasMaxLength(500);
    }
}

internal sealed class OrganizationMemberConfiguration : IEntityTypeConfiguration<OrganizationMember>
{
    public void Configure(EntityTypeBuilder<OrganizationMember> builder)
    {
        builder.ToTable("organization_members");
        builder.HasKey(m => new { m.OrganizationId, m.AccountId });
        builder.Property(m => m.Role).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.AddedBy).HasMaxLength(100);
        builder.HasIndex(m => m.AccountId);
        builder.HasOne<Organization>().WithMany().HasForeignKey(m => m.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Account>().WithMany().HasForeignKey(m => m.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class Organizations(HallDbContext db, AccountLookup lookup, TimeProvider clock)
{
    public static readonly Error NotFound = Error.NotFound("organization.not_found", "没有找到该单位，或您不是该单位的经办人。");
    public static readonly Error NotAdministrator = new("organization.not_administrator", "只有单位管理员可以添加或移除经办人。") { Kind = ErrorKind.Forbidden };
    public static readonly Error NotVerified = Error.Conflict("organization.not_verified", "该单位尚未通过核验。核验通过后，才能以单位名义办理事项或添加经办人。");

    public sealed record Input(string? Name, string? CreditCode, string? LegalRepresentative);

    public async Task<Result<Organization>> RegisterAsync(Account person, Input input, CancellationToken cancellationToken)
    {
        var errors = new List<Error>();
        var name = (input.Name ?? "").Trim();
        var code = (input.CreditCode ?? "").Trim().ToUpperInvariant();
        var representative = (input.LegalRepresentative ?? "").Trim();
        if (name.Length is < 2 or > 100)
        {
            errors.Add(new Error("organization.name", "请填写单位全称。", "Name"));
        }

        switch (Codes.CreditCode.Check(code))
        {
            case CodeCheck.WrongLength:
                errors.Add(new Error("organization.credit_code", "统一社会信用代码应为 18 位。", "CreditCode"));
                break;
            case CodeCheck.BadCharacter:
                errors.Add(new Error("organization.credit_code", "统一社会信用代码只含数字和大写字母（不含 I、O、S、V、Z）。", "CreditCode"));
                break;
            case CodeCheck.WrongCheckCharacter:
                errors.Add(new Error("organization.credit_code", "统一社会信用代码最后一位校验码不正确，请核对。", "CreditCode"));
                break;
        }

        if (representative.Length is < 2 or > 50)
        {
            errors.Add(new Error("organization.legal_representative", "请填写法定代表人姓名。", "LegalRepresentative"));
        }

        if (person.Kind != AccountKind.Person)
        {
            errors.Add(new Error("organization.person_only", "只有个人账号可以登记单位。"));
        }

        if (errors.Count == 0 && await db.Organizations.AnyAsync(o => o.CreditCode == code, cancellationToken))
        {
            errors.Add(Error.Conflict("organization.exists", "该统一社会信用代码的单位已登记。如需代为办理，请联系该单位管理员添加您为经办人。") with { Field = "CreditCode" });
        }

        if (errors.Count > 0)
        {
            return Result<Organization>.Fail(errors);
        }

        // Known to the bureau with the same legal representative: verified at once.
        var now = clock.GetUtcNow().UtcDateTime;
        var known = await db.KnownInstitutions.AsNoTracking().AnyAsync(k => k.CreditCode == code && k.LegalRepresentative == representative, cancellationToken);
        var organization = new Organization
        {
            Name = name, CreditCode = code, LegalRepresentative = representative, CreatedAt = now,
            Status = known ? OrganizationStatus.Verified : OrganizationStatus.Pending, VerifiedAt = known ? now : null, VerifiedBy = known ? "registry" : null,
        };
        db.Organizations.Add(organization);
        db.OrganizationMembers.Add(new OrganizationMember
        {
            OrganizationId = organization.Id, AccountId = person.Id, Role = MemberRole.Administrator, AddedAt = now, AddedBy = person.UserName!,
        });
        await db.SaveChangesAsync(cancellationToken);
        return organization;
    }

    // Only members see an organisation; to anyone else it does not exist.
    public async Task<Result<(Organization Organization, MemberRole Role)>> OfMemberAsync(Guid organizationId, Guid accountId, CancellationToken cancellationToken)
    {
        var row = await (from member in db.OrganizationMembers.AsNoTracking()
                         where member.OrganizationId == organizationId && member.AccountId == accountId
                         join organization in db.Organizations.AsNoTracking() on member.OrganizationId equals organization.Id
                         select new { organization, member.Role }).SingleOrDefaultAsync(cancellationToken);
        return row is null ? NotFound : (row.organization, row.Role);
    }

    public async Task<Result<Account>> AddAgentAsync(Guid organizationId, Account administrator, string? idNumber, string? name, CancellationToken cancellationToken)
    {
        var membership = await OfMemberAsync(organizationId, administrator.Id, cancellationToken);
        if (!membership.Succeeded)
        {
            return NotFound;
        }

        if (membership.Value.Role != MemberRole.Administrator)
        {
            return NotAdministrator;
        }

        if (membership.Value.Organization.Status != OrganizationStatus.Verified)
        {
            return NotVerified;
        }

        if (Codes.IdNumber.Problem(idNumber) is { } problem)
        {
            return new Error("organization.agent_id_number", problem, "AgentIdNumber");
        }

        // The same answer for an unknown ID number and a name that does not match it.
        var agent = await lookup.FindAsync(idNumber!, cancellationToken);
        if (agent is null || agent.Kind != AccountKind.Person || agent.DisplayName != (name ?? "").Trim())
        {
            return new Error("organization.agent_unknown", "没有找到与该身份证号码和姓名相符的注册用户。请先请对方在本网站完成个人注册。", "AgentIdNumber");
        }

        if (await db.OrganizationMembers.AnyAsync(m => m.OrganizationId == organizationId && m.AccountId == agent.Id, cancellationToken))
        {
            return Error.Conflict("organization.agent_exists", "此人已经是本单位的经办人。") with { Field = "AgentIdNumber" };
        }

        db.OrganizationMembers.Add(new OrganizationMember
        {
            OrganizationId = organizationId, AccountId = agent.Id, Role = MemberRole.Agent, AddedAt = clock.GetUtcNow().UtcDateTime, AddedBy = administrator.UserName!,
        });
        await db.SaveChangesAsync(cancellationToken);
        return agent;
    }

    public async Task<Result<Account>> RemoveAgentAsync(Guid organizationId, Account administrator, Guid agentId, CancellationToken cancellationToken)
    {
        var membership = await OfMemberAsync(organizationId, administrator.Id, cancellationToken);
        if (!membership.Succeeded)
        {
            return NotFound;
        }

        if (membership.Value.Role != MemberRole.Administrator)
        {
            return NotAdministrator;
        }

        var member = await db.OrganizationMembers.SingleOrDefaultAsync(m => m.OrganizationId == organizationId && m.AccountId == agentId, cancellationToken);
        if (member is null || member.Role == MemberRole.Administrator)
        {
            return Error.NotFound("organization.agent_not_found", "该经办人不存在，或是单位管理员（管理员不能被移除）。");
        }

        db.OrganizationMembers.Remove(member);
        await db.SaveChangesAsync(cancellationToken);
        return (await db.Users.FindAsync([agentId], cancellationToken))!;
    }

    public sealed record MemberView(Guid AccountId, string Name, MemberRole Role, DateTime AddedAt);

    public async Task<IReadOnlyList<MemberView>> MembersAsync(Guid organizationId, CancellationToken cancellationToken) =>
        await (from member in db.OrganizationMembers.AsNoTracking()
               where member.OrganizationId == organizationId
               join account in db.Users.AsNoTracking() on member.AccountId equals account.Id
               orderby member.Role, member.AddedAt
               select new MemberView(account.Id, account.DisplayName, member.Role, member.AddedAt)).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<(Organization Organization, MemberRole Role)>> OfAccountAsync(Guid accountId, CancellationToken cancellationToken) =>
        (await (from member in db.OrganizationMembers.AsNoTracking()
                where member.AccountId == accountId
                join organization in db.Organizations.AsNoTracking() on member.OrganizationId equals organization.Id
                orderby organization.Name
                select new { organization, member.Role }).ToListAsync(cancellationToken))
        .Select(r => (r.organization, r.Role)).ToList();
}
