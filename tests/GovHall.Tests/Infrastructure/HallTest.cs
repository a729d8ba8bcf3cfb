namespace GovHall.Tests.Infrastructure;

// Base of the tests that run once per database: a derived class per provider picks the fixture.
public abstract class HallTest
{
    protected HallTest(HallFactory hall)
    {
        hall.SkipIfUnavailable();
        Hall = hall;
        Client = hall.CreateBrowserLikeClient();
    }

    protected HallFactory Hall { get; }
    protected HttpClient Client { get; }

    protected static CancellationToken Cancel => TestContext.Current.CancellationToken;

    // Demo items each test may read or change (each mutating test takes its own).
    public static class Demo
    {
        public const string Prefix = "1131011200245871XF4";
        public const string TeacherQualification = "幼儿园、小学和初级中学教师资格认定";
        public const string Transfer = "义务教育阶段学生转学（跨区转入、外省市转入）";
        public const string SchoolBus = "校车使用许可";
    }
}
