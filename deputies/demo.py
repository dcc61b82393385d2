"""Demo deputies of 青山镇: the township's deputies of the current term, one of them with a login."""
from core.models import User

from .models import Deputy

# name, gender, work unit and post; phones are made up from the row number.
DEPUTIES = [
    ("张德福", "male", "青山村村民，种粮大户"),
    ("王建国", "male", "青山镇人大主席团主席"),
    ("李秀英", "female", "青山镇人大主席团副主席"),
    ("赵红梅", "female", "白沙村党总支书记"),
    ("刘国强", "male", "枫林村村民委员会主任"),
    ("陈桂芳", "female", "石桥村村民，养殖户"),
    ("杨卫东", "male", "龙泉村党支部书记"),
    ("黄秋菊", "female", "新塘村妇联主席"),
    ("周志明", "male", "桃花村村民，果园经营者"),
    ("吴春燕", "female", "青山社区居民委员会主任"),
    ("徐建华", "male", "青山镇中心学校校长"),
    ("孙丽娟", "female", "青山镇卫生院护士长"),
    ("马永福", "male", "白沙村村民"),
    ("朱海波", "male", "青山农机专业合作社理事长"),
    ("胡玉兰", "female", "枫林村村民"),
    ("郭立新", "male", "石桥村村民委员会主任"),
    ("何晓燕", "female", "龙泉村村民，电商从业者"),
    ("高文斌", "male", "清水县青山供电所所长"),
    ("林淑珍", "female", "新塘村村民"),
    ("罗德胜", "male", "桃花村党支部书记"),
    ("梁志勇", "male", "青山镇农业农村综合服务中心技术员"),
    ("宋美玲", "female", "青山社区居民"),
    ("郑国华", "male", "青山茶叶有限公司总经理"),
    ("谢金花", "female", "白沙村村民，乡村医生"),
    ("韩光明", "male", "枫林村村民"),
    ("唐秀梅", "female", "石桥村妇联主席"),
    ("冯建平", "male", "龙泉村村民委员会主任"),
    ("于桂英", "female", "新塘村村民"),
    ("董志刚", "male", "青山镇派出所所长"),
    ("曹小红", "female", "桃花村村民"),
    ("彭建军", "male", "青山社区党总支书记"),
    ("曾凡荣", "male", "白沙村村民，个体工商户"),
    ("萧雅琴", "female", "青山镇中心学校教师"),
    ("田茂林", "male", "枫林村村民"),
    ("潘玉珍", "female", "石桥村村民"),
    ("袁绍华", "male", "龙泉村村民，退伍军人"),
]
TRANSFERRED = "袁绍华"  # moved away mid-term: keeps the roster honest about status


def seed(stdout):
    # The demo chairman, vice-chairman and farmer deputy are deputies too: link their accounts.
    accounts = {user.name: user for user in User.objects.filter(username__in=["chairman", "member", "deputy"])}
    for number, (name, gender, work_unit) in enumerate(DEPUTIES, start=1):
        Deputy.objects.update_or_create(
            name=name,
            defaults={
                "gender": gender,
                "work_unit": work_unit,
                "phone": f"1380731{number:04d}",
                "status": Deputy.Status.TRANSFERRED if name == TRANSFERRED else Deputy.Status.IN_OFFICE,
                "user": accounts.get(name),
            },
        )
    stdout.write(f"Deputies: {Deputy.objects.filter(status=Deputy.Status.IN_OFFICE).count()} in office.")
