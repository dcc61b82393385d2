"""Demo deputies of 青山镇: the 11th term, its districts and the township's deputies, one of them
transferred away mid-term and one elected at a by-election, two of them also county deputies."""
import datetime

from core.models import User

from .models import Deputy, ElectoralDistrict, Mandate, Term
from .selectors import in_office_count

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
    # The demo chairman, vice-chairman and farmer deputy are deputies too: link their accounts.
    accounts = {user.name: user for user in User.objects.filter(username__in=["chairman", "member", "deputy"])}
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
