"""Demo deputies of 青山镇: the 11th term, its districts and the township's deputies, one of them
transferred away mid-term and one elected at a by-election, two of them also county deputies;
then a representative group per district with its 2026 activities, the three-level contact
platforms (家站点), the year's receptions of voters and the deputies' reports to voters.

Safe to run again: every record is found by its natural key before anything is written, and
the writes go through the services so the demo obeys the same rules as the pages.
"""
import datetime

from core.models import User

from . import services
from .models import (
    ContactPlatform,
    Deputy,
    ElectoralDistrict,
    GroupActivity,
    Mandate,
    ReportToVoters,
    RepresentativeGroup,
    Term,
    VoterReception,
)
from .selectors import deputies_not_reported, in_office_count, reception_counts

TERM_START = datetime.date(2021, 11, 26)

DISTRICTS = ["青山村", "白沙村", "枫林村", "石桥村", "龙泉村", "新塘村", "桃花村", "青山社区"]

# name, gender, birth (year, month), political status, education, occupation, work unit and post, district
DEPUTIES = [
    ("张德福", "male", (1968, 4), "cpc_member", "junior", "farmer", "青山村村民，种粮大户", 1),
    ("王建国", "male", (1972, 9), "cpc_member", "bachelor", "cadre", "青山镇人大主席团主席", 1),
    ("李秀英", "female", (1978, 2), "cpc_member", "bachelor", "cadre", "青山镇人大主席团副主席", 8),
    ("赵红梅", "female", (1975, 6), "cpc_member", "senior", "cadre", "白沙村党总支书记", 2),
    ("刘国强", "male", (1970, 11), "cpc_member", "senior", "cadre", "枫林村村民委员会主任", 3),
    ("陈桂芳", "female", (1982, 3), "masses", "junior", "farmer", "石桥村村民，养殖户", 4),
    ("杨卫东", "male", (1969, 8), "cpc_member", "senior", "cadre", "龙泉村党支部书记", 5),
    ("黄秋菊", "female", (1980, 10), "cpc_member", "senior", "farmer", "新塘村妇联主席", 6),
    ("周志明", "male", (1976, 1), "masses", "junior", "farmer", "桃花村村民，果园经营者", 7),
    ("吴春燕", "female", (1985, 5), "cpc_member", "college", "cadre", "青山社区居民委员会主任", 8),
    ("徐建华", "male", (1971, 7), "cpc_member", "bachelor", "professional", "青山镇中心学校校长", 8),
    ("孙丽娟", "female", (1983, 12), "masses", "college", "professional", "青山镇卫生院护士长", 1),
    ("马永福", "male", (1963, 2), "masses", "primary", "farmer", "白沙村村民", 2),
    ("朱海波", "male", (1979, 9), "masses", "senior", "worker", "青山农机专业合作社理事长", 3),
    ("胡玉兰", "female", (1974, 4), "masses", "junior", "farmer", "枫林村村民", 3),
    ("郭立新", "male", (1967, 10), "cpc_member", "senior", "cadre", "石桥村村民委员会主任", 4),
    ("何晓燕", "female", (1990, 8), "cyl_member", "college", "other", "龙泉村村民，电商从业者", 5),
    ("高文斌", "male", (1977, 3), "cpc_member", "bachelor", "professional", "清水县青山供电所所长", 6),
    ("林淑珍", "female", (1966, 6), "masses", "primary", "farmer", "新塘村村民", 6),
    ("罗德胜", "male", (1965, 12), "cpc_member", "senior", "cadre", "桃花村党支部书记", 7),
    ("梁志勇", "male", (1984, 5), "cpc_member", "bachelor", "professional", "青山镇农业农村综合服务中心技术员", 1),
    ("宋美玲", "female", (1987, 11), "democratic_party", "bachelor", "professional", "青山社区居民，执业律师", 8),
    ("郑国华", "male", (1973, 2), "masses", "college", "other", "青山茶叶有限公司总经理", 5),
    ("谢金花", "female", (1972, 8), "masses", "senior", "professional", "白沙村村民，乡村医生", 2),
    ("韩光明", "male", (1961, 4), "masses", "primary", "farmer", "枫林村村民", 3),
    ("唐秀梅", "female", (1979, 7), "cpc_member", "senior", "farmer", "石桥村妇联主席", 4),
    ("冯建平", "male", (1968, 1), "cpc_member", "senior", "cadre", "龙泉村村民委员会主任", 5),
    ("于桂英", "female", (1970, 9), "masses", "junior", "farmer", "新塘村村民", 6),
    ("董志刚", "male", (1975, 3), "cpc_member", "bachelor", "cadre", "清水县公安局青山派出所所长", 8),
    ("曹小红", "female", (1988, 6), "masses", "senior", "farmer", "桃花村村民", 7),
    ("彭建军", "male", (1974, 10), "cpc_member", "college", "cadre", "青山社区党总支书记", 8),
    ("曾凡荣", "male", (1981, 1), "masses", "junior", "worker", "白沙村村民，个体工商户", 2),
    ("萧雅琴", "female", (1986, 4), "cpc_member", "bachelor", "professional", "青山镇中心学校教师", 1),
    ("田茂林", "male", (1964, 7), "masses", "primary", "farmer", "枫林村村民", 3),
    ("潘玉珍", "female", (1977, 12), "masses", "junior", "farmer", "石桥村村民", 4),
    ("袁绍华", "male", (1969, 5), "cpc_member", "senior", "other", "龙泉村村民，退伍军人", 5),
    ("邹文杰", "male", (1983, 8), "cpc_member", "bachelor", "cadre", "新塘村党支部书记", 6),
]
# 袁绍华 moved to the county town; 邹文杰 replaced him at a by-election.
TRANSFERRED = ("袁绍华", datetime.date(2024, 3, 18))
BY_ELECTED = ("邹文杰", datetime.date(2024, 6, 20))
COUNTY_DEPUTIES = {"王建国", "赵红梅"}


def seed(stdout):
    term, _ = Term.objects.update_or_create(
        number=11, defaults={"start_date": TERM_START, "end_date": datetime.date(2027, 1, 15)},
    )
    districts = {}
    for number, village in enumerate(DISTRICTS, start=1):
        districts[number], _ = ElectoralDistrict.objects.update_or_create(
            term=term, number=number,
            defaults={"name": f"第{number}选区（{village}）", "area": village, "seats": 5},
        )
    # The demo chairman and vice-chairman are deputies too; link every demo deputy's account.
    accounts = {user.name: user for user in User.objects.filter(
        username__in=["chairman", "member", "deputy", "zhaohm", "yangwd", "chengf", "zhouzm"])}
    for number, (name, gender, (year, month), politics, education, occupation, work_unit, district) in enumerate(
        DEPUTIES, start=1
    ):
        deputy, _ = Deputy.objects.update_or_create(
            name=name, birth_date=datetime.date(year, month, 1),
            defaults={
                "gender": gender, "political_status": politics, "education": education, "occupation": occupation,
                "work_unit": work_unit, "phone": f"1380731{number:04d}", "district": districts[district],
                "user": accounts.get(name),
            },
        )
        mandate = {"election": Mandate.Election.GENERAL, "elected_on": TERM_START,
                   "status": Mandate.Status.IN_OFFICE, "ended_on": None, "end_note": ""}
        if name == TRANSFERRED[0]:
            mandate.update(status=Mandate.Status.TRANSFERRED, ended_on=TRANSFERRED[1], end_note="工作调动至县城")
        if name == BY_ELECTED[0]:
            mandate.update(election=Mandate.Election.BY_ELECTION, elected_on=BY_ELECTED[1])
        Mandate.objects.update_or_create(deputy=deputy, level=Mandate.Level.TOWNSHIP, term=term, defaults=mandate)
        if name in COUNTY_DEPUTIES:
            Mandate.objects.update_or_create(
                deputy=deputy, level=Mandate.Level.COUNTY, term=None,
                defaults={"elected_on": datetime.date(2021, 11, 26), "status": Mandate.Status.IN_OFFICE},
            )
    stdout.write(f"Deputies: {in_office_count(term=term)} township deputies in office in {term}.")
    seed_groups(term, stdout)
    seed_platforms(stdout)
    seed_receptions(stdout)
    seed_reports_to_voters(term, stdout)


# --- representative groups and their 2026 activities -----------------------------------------------

# district number -> leader; the contact presidium member is the chairman for the first four
# districts and the vice-chairman for the others.
GROUP_LEADERS = {1: "张德福", 2: "赵红梅", 3: "刘国强", 4: "郭立新", 5: "杨卫东", 6: "邹文杰", 7: "罗德胜", 8: "吴春燕"}
GROUP_TOPICS = [
    ((3, 12), "集中学习《代表法》和镇人代会精神", "镇人大代表之家"),
    ((5, 20), "视察春耕生产和高标准农田建设", "村部及田间"),
    ((8, 14), "走访困难群众，收集民生意见", "各村民小组"),
    ((10, 23), "督查农村人居环境整治", "村部"),
]
# 桃花村's group met only twice in 2026: the group list flags it below the three a year expected.
FEWER_ACTIVITIES = {7: 2}


def _by_name(names):
    deputies = {deputy.name: deputy for deputy in Deputy.objects.filter(name__in=names)}
    return [deputies[name] for name in names if name in deputies]


def seed_groups(term, stdout):
    contacts = {name: deputy for name, deputy in zip(["王建国", "李秀英"], _by_name(["王建国", "李秀英"]))}
    for number, village in enumerate(DISTRICTS, start=1):
        members = _district_members(term, number)
        name = f"{village}代表小组"
        group = services.group_save(
            group=RepresentativeGroup.objects.filter(term=term, name=name).first(), term=term, name=name,
            area=village, members=members, leader=next(d for d in members if d.name == GROUP_LEADERS[number]),
            contact_member=contacts.get("王建国" if number <= 4 else "李秀英"), actor=None,
        )
        for (month, day), topic, place in GROUP_TOPICS[:FEWER_ACTIVITIES.get(number, len(GROUP_TOPICS))]:
            date = datetime.date(2026, month, day + number % 3)
            if not GroupActivity.objects.filter(group=group, topic=topic, date__year=2026).exists():
                services.group_activity_record(
                    group=group, date=date, topic=topic, place=place if place != "村部" else f"{village}村部",
                    participants=members[:-1] if len(members) > 3 else members, actor=None,
                    summary=f"{village}代表小组{len(members)}名代表参加，{topic}。",
                )
    stdout.write(f"Representative groups: {RepresentativeGroup.objects.filter(term=term).count()} in {term}, "
                 f"{GroupActivity.objects.filter(date__year=2026).count()} activities in 2026.")


def _district_members(term, number):
    """The district's township deputies in office, by name."""
    in_office = Mandate.objects.filter(
        term=term, level=Mandate.Level.TOWNSHIP, status=Mandate.Status.IN_OFFICE, deputy__district__number=number,
        deputy__district__term=term,
    ).select_related("deputy").order_by("deputy__name")
    return [mandate.deputy for mandate in in_office]


# --- the three-level contact platforms (家站点) ------------------------------------------------------

HOME = ("青山镇人大代表之家", "青山镇人民政府一楼", "每月10日 9:00–11:30", ["王建国", "李秀英", "徐建华"])
# name, address, reception days, villages it covers, deputies on duty
STATIONS = [
    ("青山片区代表联络站", "青山社区党群服务中心二楼", "每月15日 上午", ["青山村", "白沙村", "枫林村", "石桥村", "青山社区"],
     ["吴春燕", "赵红梅", "刘国强"]),
    ("龙泉片区代表联络站", "龙泉村党群服务中心", "每月20日 上午", ["龙泉村", "新塘村", "桃花村"],
     ["杨卫东", "黄秋菊", "罗德胜"]),
]


def seed_platforms(stdout):
    home = _platform(HOME[0], ContactPlatform.Kind.HOME, None, *HOME[1:])
    for name, address, days, villages, duty in STATIONS:
        station = _platform(name, ContactPlatform.Kind.STATION, home, address, days, duty)
        for village in villages:
            number = DISTRICTS.index(village) + 1
            duty_names = [row[0] for row in DEPUTIES if row[7] == number and row[0] != TRANSFERRED[0]][:3]
            _platform(f"{village}代表联络点", ContactPlatform.Kind.POINT, station, f"{village}村部",
                      "每月第一个星期五 上午", duty_names)
    stdout.write(f"Contact platforms: {ContactPlatform.objects.count()} (home, stations and points).")


def _platform(name, kind, parent, address, reception_days, duty_names):
    return services.platform_save(
        platform=ContactPlatform.objects.filter(name=name).first(), name=name, kind=kind, parent=parent,
        address=address, reception_days=reception_days, duty_deputies=_by_name(duty_names), active=True, actor=None,
    )


# --- receptions of voters in 2026 -------------------------------------------------------------------

# (month, day), platform, deputies present, voters received, [(raised by, what was raised)]
RECEPTIONS = [
    ((1, 10), "青山镇人大代表之家", ["王建国", "徐建华"], 6, [
        ("青山村 李大爷", "青山村三组至五组的机耕道坑洼不平，雨天农机下不了田，希望硬化。"),
        ("", "镇中心学校门口上下学时段车辆拥堵，建议增设护学岗。"),
    ]),
    ((2, 6), "青山村代表联络点", ["张德福", "孙丽娟"], 4, [
        ("张某某", "二组山塘多年未清淤，蓄水量不足，春灌用水紧张。"),
        ("", "部分老人不会用手机缴纳城乡居民医保，希望村里集中代办。"),
    ]),
    ((3, 10), "青山镇人大代表之家", ["李秀英", "宋美玲"], 5, [
        ("", "青山社区老旧小区路灯损坏较多，夜间出行不安全。"),
        ("社区居民 王女士", "小区垃圾清运不及时，夏季异味大。"),
        ("", "希望开展法律咨询进社区，帮助解决邻里纠纷。"),
    ]),
    ((3, 20), "龙泉片区代表联络站", ["杨卫东", "罗德胜", "黄秋菊"], 8, [
        ("龙泉村 冯某", "龙泉村七组饮水工程水压不足，高处农户经常停水。"),
        ("", "桃花村通组公路弯道多、无护栏，存在安全隐患。"),
    ]),
    ((4, 3), "白沙村代表联络点", ["赵红梅", "谢金花"], 3, [
        ("", "白沙村农田灌溉渠年久失修，多处渗漏，影响早稻育秧。"),
    ]),
    ((4, 15), "青山片区代表联络站", ["吴春燕", "刘国强"], 5, [
        ("枫林村 胡某", "枫林村到镇上的公交班次太少，老人看病不方便。"),
        ("", "希望增加村级卫生室的常用药品种类。"),
    ]),
    ((5, 8), "石桥村代表联络点", ["郭立新", "唐秀梅"], 4, [
        ("", "石桥村小学撤并后，孩子到镇上读书路途远，希望开通村小学校车。"),
        ("石桥村 潘某", "养殖户希望获得小额贴息贷款政策指导。"),
    ]),
    ((6, 10), "青山镇人大代表之家", ["王建国", "张德福"], 7, [
        ("", "汛期前请检查山塘水库的安全，提前做好防汛准备。"),
        ("青山村 张某", "希望对种粮大户的农机购置补贴再提高一些。"),
    ]),
    ((7, 3), "新塘村代表联络点", ["黄秋菊", "邹文杰"], 3, [
        ("", "新塘村部分农户的自来水浑浊，请检测饮水安全。"),
    ]),
    ((8, 20), "龙泉片区代表联络站", ["杨卫东", "何晓燕"], 4, [
        ("", "希望举办农村电商培训，帮助村民把茶叶和土特产卖出去。"),
    ]),
    ((9, 10), "青山镇人大代表之家", ["李秀英", "董志刚"], 6, [
        ("", "集镇农贸市场周边占道经营，交通秩序混乱。"),
        ("青山社区居民", "社区养老服务中心活动场地太小。"),
    ]),
    ((10, 9), "桃花村代表联络点", ["周志明", "曹小红"], 2, [
        ("桃花村果农", "桃花村果园产业路未硬化，采摘季运输困难。"),
    ]),
]


def seed_receptions(stdout):
    platforms = {platform.name: platform for platform in ContactPlatform.objects.all()}
    for (month, day), place, names, voters, matters in RECEPTIONS:
        date, platform = datetime.date(2026, month, day), platforms[place]
        if not VoterReception.objects.filter(date=date, platform=platform).exists():
            services.reception_record(
                date=date, platform=platform, deputies=_by_name(names), voters_received=voters, actor=None,
                summary=f"{'、'.join(names)}代表在{place}接待选民{voters}人次。",
                matters=[{"raised_by": who, "content": what} for who, what in matters],
            )
    figures = reception_counts(2026)
    stdout.write(f"Voter receptions in 2026: {figures['receptions']}, {figures['voters']} voters, "
                 f"{figures['matters']} matters raised.")


# --- reports to voters this term ----------------------------------------------------------------------

# About a third of the deputies have not reported yet: the "not reported" list shows them.
NOT_REPORTED = {"马永福", "胡玉兰", "陈桂芳", "何晓燕", "林淑珍", "曹小红", "宋美玲", "韩光明", "潘玉珍", "于桂英",
                "彭建军", "郑国华"}
RATINGS = [ReportToVoters.Rating.SATISFIED] * 3 + [ReportToVoters.Rating.BASICALLY_SATISFIED, ""]


def seed_reports_to_voters(term, stdout):
    mandates = Mandate.objects.filter(term=term, level=Mandate.Level.TOWNSHIP).select_related(
        "deputy", "deputy__district").order_by("deputy__district__number", "deputy__name")
    for index, mandate in enumerate(mandates):
        deputy = mandate.deputy
        if deputy.name in NOT_REPORTED:
            continue
        # Spread over the term, always while the deputy was in office.
        date = max(datetime.date(2023 + index % 4, 3 + index % 9, 5 + index % 20), mandate.elected_on)
        if mandate.ended_on and date >= mandate.ended_on:
            date = mandate.ended_on - datetime.timedelta(days=30)
        if date > datetime.date(2026, 11, 1):
            date = date.replace(year=date.year - 1)
        if date < mandate.elected_on or ReportToVoters.objects.filter(deputy=deputy, term=term).exists():
            continue
        village = deputy.district.area if deputy.district else "青山镇"
        services.report_to_voters_record(
            deputy=deputy, date=date, place=f"{village}村民代表会议室" if "村" in village else f"{village}会议室",
            voters_attending=25 + index % 30, rating=RATINGS[index % len(RATINGS)], actor=None,
            summary=f"{deputy.name}代表向选民报告履职情况，听取意见建议。",
        )
    stdout.write(f"Reports to voters in {term}: {ReportToVoters.objects.filter(term=term).count()}; "
                 f"{deputies_not_reported(term).count()} deputies in office have not reported yet.")
