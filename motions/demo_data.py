"""The demo year of suggestions of 青山镇, as data: motions/demo.py turns each Item into the rows and
the timeline a real year would have left. Dates are of 2026 (and a few of 2025), set around the
demo's "today", 24 November 2026: some items due within the week (黄牌), some overdue (红牌).

Every item was submitted between January and October; review, assignment and handling go on
until November. An item's fate is told by the fields that are set: `reviewed` with `end` (returned, not accepted,
merged, accepted), `lead` and `assigned`, `acknowledged`, `reply`, `rating`, a second reply after
an unsatisfied rating, `closed_by_office` when no deputy rates (a letter), `published`.
"""
import datetime
from dataclasses import dataclass


def d(month, day, year=2026):
    return datetime.date(year, month, day)


@dataclass(frozen=True)
class Answer:
    on: datetime.date
    result: str  # the result class code: A, B or C
    text: str
    promised: datetime.date | None = None
    kept: datetime.date | None = None
    kept_report: str = ""


@dataclass(frozen=True)
class Rated:
    on: datetime.date
    satisfaction: str  # satisfied / basically_satisfied / unsatisfied
    comment: str = ""


@dataclass(frozen=True)
class Item:
    title: str
    content: str
    category: str
    proposer: str | None  # a deputy's name; None for a letter or visit
    submitted: datetime.date | None  # None: still a draft
    year: int = 2026
    number: int | None = None
    kind: str = "suggestion"
    tabled_by: str = "deputies"
    source: str = "deputy"
    session: int | None = None  # the session's number in the 11th term
    matter: str = ""  # the reception matter it came from (its exact words)
    petitioner: str = ""
    end: str = ""  # returned / not_accepted / merged, when review ended it
    reviewed: datetime.date | None = None
    reason: str = ""
    merged_into: str = ""  # the title of the item it was merged into
    cosigners: tuple = ()
    lead: str = ""
    co: tuple = ()
    assigned: datetime.date | None = None
    complex: bool = False
    key_leader: str = ""
    acknowledged: datetime.date | None = None
    contacts: tuple = ()  # (date, way, note)
    reply: Answer | None = None
    rating: Rated | None = None
    second_reply: Answer | None = None
    second_rating: Rated | None = None
    closed_by_office: datetime.date | None = None
    published: bool = False


SAT, BASIC, UNSAT = "satisfied", "basically_satisfied", "unsatisfied"
AGRI, BUILD, ECON, SOCIAL, ECO, LIVELIHOOD = "农业农村", "城乡建设", "经济发展", "社会事业", "生态环境", "民生保障"
PARTY, FINANCE, FARM, LAND = "党政综合办公室", "财政所", "农业农村综合服务中心", "自然资源所"
AFFAIRS, ENFORCE, EMERGENCY, CLINIC, SCHOOL = "社会事务综合服务中心", "综合行政执法大队", "应急管理办公室", "镇卫生院", "镇中心学校"


ITEMS_2026 = [
    # --- the fifth session (8-9 January): two motions and two suggestions, all closed -------------
    Item(
        "关于加快推进青山村至白沙村通村公路提质改造的议案",
        "青山村至白沙村通村公路建于2008年，路面宽仅3.5米，破损严重，沿线两村4000余群众和茶叶、稻谷运输"
        "全靠这条路。建议将该路段提质改造列入2026年镇重点工程，拓宽至5.5米并完善排水和安防设施。",
        BUILD, "赵红梅", d(1, 8), number=1, kind="motion", session=5,
        cosigners=("马永福", "谢金花", "曾凡荣", "张德福"),
        reviewed=d(1, 12), lead=LAND, co=(FINANCE,), assigned=d(1, 20), complex=True, key_leader="王建国",
        acknowledged=d(1, 21), contacts=((d(3, 5), "site", "与赵红梅等代表现场踏勘线路，确定拓宽方案。"),),
        reply=Answer(d(6, 30), "B", "该路段提质改造已列入县2026年农村公路建设计划，镇财政配套资金86万元已落实，"
                     "工程于6月开工，计划10月底前完工。", promised=d(10, 31), kept=d(10, 28),
                     kept_report="工程已于10月28日通过交工验收，路面拓宽至5.5米，新增波形护栏1.2公里。"),
        rating=Rated(d(7, 6), SAT, "施工进度快，群众很满意。"), published=True,
    ),
    Item(
        "关于青山镇2026年民生实事项目的议案",
        "经主席团研究，提请本次会议审议2026年镇民生实事项目：农村饮水安全巩固提升、集镇公厕改造、"
        "村级卫生室标准化建设、老旧路灯更换等十件实事，请镇人民政府组织实施并向主席团报告进展。",
        LIVELIHOOD, "王建国", d(1, 8), number=2, kind="motion", tabled_by="presidium", session=5,
        reviewed=d(1, 12), lead=PARTY, co=(FINANCE,), assigned=d(1, 20), complex=True, acknowledged=d(1, 21),
        reply=Answer(d(7, 10), "A", "十件民生实事已全部启动，其中集镇公厕改造、老旧路灯更换等七件已完成，"
                     "其余三件年内完成，镇人民政府每季度向主席团报告进展。"),
        rating=Rated(d(7, 15), SAT), published=True,
    ),
    Item(
        "关于硬化青山村三组至五组机耕道的建议",
        "青山村三组至五组的机耕道长约1.2公里，坑洼不平，雨天农机下不了田，影响春耕和秋收。建议纳入"
        "高标准农田建设项目予以硬化。",
        AGRI, "张德福", d(1, 8), number=3, session=5, reviewed=d(1, 13), lead=FARM, co=(FINANCE,),
        assigned=d(1, 20), acknowledged=d(1, 22),
        contacts=((d(2, 10), "phone", "电话联系张德福代表，约定春耕前完成勘测。"),),
        reply=Answer(d(4, 10), "A", "已将该机耕道纳入2026年高标准农田建设项目，硬化1.2公里，3月底完工并验收。"),
        rating=Rated(d(4, 15), SAT, "路修好了，农机能直接下田。"), published=True,
    ),
    Item(
        "关于为村卫生室增配常用药品的建议",
        "部分村卫生室常用的降压、降糖药品种类少、经常断货，老人需要跑到镇卫生院取药。建议统一增配"
        "常用慢性病药品并建立补货机制。",
        LIVELIHOOD, "孙丽娟", d(1, 9), number=4, session=5, reviewed=d(1, 13), lead=CLINIC, assigned=d(1, 20),
        acknowledged=d(1, 23),
        reply=Answer(d(4, 28), "B", "已将15种慢性病常用药纳入村卫生室配备目录，首批药品已配送到8个村；"
                     "县域医共体统一补货平台年底前上线。", promised=d(12, 31)),
        rating=Rated(d(5, 6), BASIC, "药品增加了，希望补货平台早日上线。"), published=True,
    ),
    # --- between the sessions -----------------------------------------------------------------------
    Item(
        "关于清淤青山村二组山塘的建议",
        "选民在青山村代表联络点反映：二组山塘多年未清淤，蓄水量不足，春灌用水紧张。建议汛前完成清淤扩容。",
        AGRI, "张德福", d(2, 12), number=5, source="reception", matter="二组山塘多年未清淤，蓄水量不足，春灌用水紧张。",
        reviewed=d(2, 14), lead=LAND, assigned=d(2, 16), acknowledged=d(2, 18),
        reply=Answer(d(5, 8), "A", "已于4月完成二组山塘清淤，清淤土方2600立方米，蓄水量增加约30%。"),
        rating=Rated(d(5, 12), SAT), published=True,
    ),
    Item(
        "关于解决龙泉村七组饮水工程水压不足的建议",
        "选民在龙泉片区代表联络站反映：七组饮水工程水压不足，地势较高的农户经常停水。建议加装增压设施。",
        LIVELIHOOD, "杨卫东", d(3, 25), number=6, source="reception",
        matter="龙泉村七组饮水工程水压不足，高处农户经常停水。",
        reviewed=d(3, 27), lead=FARM, assigned=d(3, 30), acknowledged=d(4, 1),
        reply=Answer(d(6, 20), "C", "经测算加装增压泵需资金12万元，今年预算已无安排，暂无法解决。"),
        rating=Rated(d(6, 28), UNSAT, "高处农户夏天天天停水，请再想办法。"),
        second_reply=Answer(d(7, 25), "A", "经重新研究，从镇级水利维修资金中调剂8万元，7月20日已加装增压泵，"
                            "高处12户供水恢复正常。"),
        second_rating=Rated(d(8, 2), SAT, "现在水压正常了。"), published=True,
    ),
    Item(
        "关于石桥村小学撤并后开通学生校车的来信",
        "石桥村村民来信反映：村小学撤并后，孩子到镇中心学校读书单程8公里，希望开通校车。",
        SOCIAL, None, d(5, 12), number=7, source="letter_visit", petitioner="石桥村村民潘某",
        reviewed=d(5, 13), lead=SCHOOL, assigned=d(5, 15), acknowledged=d(5, 18),
        reply=Answer(d(8, 5), "C", "开通校车需县教育局审批和专项资金，已向县教育局书面报告；在此之前，学校"
                     "为石桥村学生安排寄宿床位32个。"),
        closed_by_office=d(8, 20),
    ),
    Item(
        "关于对养殖户给予小额贴息贷款政策指导的建议",
        "石桥村等地养殖户扩大规模缺少资金，对小额贴息贷款政策不了解。建议组织政策宣讲并协助办理。",
        ECON, "陈桂芳", d(5, 20), number=8, reviewed=d(5, 22), lead=FINANCE, assigned=d(5, 25),
        acknowledged=d(5, 27), contacts=((d(6, 12), "visit", "上门走访陈桂芳代表和三户养殖户，了解资金需求。"),),
        reply=Answer(d(8, 28), "A", "已联合县农商行在石桥村举办政策宣讲会，为17户养殖户办理贴息贷款共85万元。"),
        rating=Rated(d(9, 3), BASIC, "答复晚了几天，但事情办好了。"),
    ),
    Item(
        "关于硬化桃花村果园产业路的建议",
        "桃花村果园面积800余亩，产业路未硬化，采摘季运输困难，水果损耗大。建议分期硬化果园产业路。",
        AGRI, "周志明", d(6, 15), number=9, reviewed=d(6, 17), lead=LAND, co=("桃花村村民委员会",),
        assigned=d(6, 19), complex=True, acknowledged=d(6, 22),
        contacts=((d(7, 8), "site", "与周志明代表、村委会现场查看产业路线路。"),),
    ),
    Item(
        "关于修建桃花村果园道路的建议",
        "桃花村果园道路都是泥巴路，下雨天车子进不去，建议修建。",
        AGRI, "曹小红", d(6, 16), end="merged", reviewed=d(6, 18), merged_into="关于硬化桃花村果园产业路的建议",
    ),
    Item(
        "关于检测新塘村自来水水质的建议",
        "新塘村部分农户反映自来水浑浊，建议对水源和管网水质进行检测，并公布结果。",
        LIVELIHOOD, "黄秋菊", d(7, 8), number=10, reviewed=d(7, 10), lead=CLINIC, co=("新塘村村民委员会",),
        assigned=d(7, 15), acknowledged=d(7, 17),
    ),
    Item(
        "关于修缮白沙村农田灌溉渠的建议",
        "白沙村农田灌溉渠年久失修，多处渗漏，影响早稻育秧和晚稻灌溉。建议安排资金修缮。",
        AGRI, "谢金花", d(7, 20), number=11, reviewed=d(7, 22), lead=FARM, co=(FINANCE,), assigned=d(7, 24),
        acknowledged=d(7, 27),
        reply=Answer(d(10, 20), "C", "今年水利资金已用完，修缮工程拟申报明年项目。"),
        rating=Rated(d(10, 30), UNSAT, "渗漏严重，等不到明年，请先修最严重的几段。"),
    ),
    Item(
        "关于解决龙泉村茶叶加工厂用电容量不足的建议",
        "龙泉村三家茶叶加工厂春茶季用电负荷大，变压器容量不足经常跳闸。建议协调供电部门增容。",
        ECON, "冯建平", d(8, 4), number=12, reviewed=d(8, 6), lead=PARTY, assigned=d(8, 10),
        key_leader="李秀英", acknowledged=d(8, 12),
        contacts=((d(9, 5), "meeting", "召集供电所、茶厂负责人和冯建平代表协调增容方案。"),),
    ),
    Item(
        "关于扩建青山社区养老服务中心活动场地的建议",
        "青山社区养老服务中心活动场地仅80平方米，老人活动拥挤。建议利用社区闲置用房扩建。",
        SOCIAL, "吴春燕", d(8, 20), number=13, reviewed=d(8, 24), lead=AFFAIRS, co=("青山社区居民委员会",),
        assigned=d(8, 26), acknowledged=d(9, 1),
    ),
    # --- the sixth session (27 August) ---------------------------------------------------------------
    Item(
        "关于提高种粮大户农机购置补贴的建议",
        "种粮大户购置大型农机负担重，现行补贴比例偏低。建议在县级补贴基础上给予镇级累加补贴。",
        AGRI, "张德福", d(8, 27), number=14, session=6, reviewed=d(8, 28), lead=FINANCE, co=(FARM,),
        assigned=d(8, 31), acknowledged=d(9, 2),
        contacts=((d(9, 15), "phone", "电话联系张德福代表，了解拟购置农机的种类和数量。"),),
        reply=Answer(d(11, 18), "A", "经镇政府研究，对年种植面积200亩以上的种粮大户购置大型农机，在县级补贴"
                     "基础上再给予10%的镇级累加补贴，已于11月起执行。"),
    ),
    Item(
        "关于整治集镇农贸市场周边占道经营的建议",
        "集镇农贸市场周边占道经营严重，早晚高峰交通拥堵。建议划定临时摊位并加强日常管理。",
        BUILD, "董志刚", d(8, 27), number=15, session=6, reviewed=d(8, 28), lead=ENFORCE, assigned=d(8, 31),
        acknowledged=d(9, 3),
    ),
    Item(
        "关于开展法律咨询进社区的建议",
        "群众邻里纠纷、土地流转纠纷较多，希望定期开展法律咨询进社区、进村组活动。",
        SOCIAL, "宋美玲", d(8, 27), number=16, session=6, reviewed=d(8, 28), lead=PARTY, co=("青山社区居民委员会",),
        assigned=d(8, 31), acknowledged=d(9, 1),
        reply=Answer(d(10, 20), "A", "已与县司法局和两家律师事务所签订协议，每月10日在各村（社区）轮流开展"
                     "法律咨询，9月以来已接待群众146人次。"),
        rating=Rated(d(10, 28), SAT), published=True,
    ),
    Item(
        "关于及时足额发放耕地地力保护补贴的建议",
        "部分农户反映耕地地力保护补贴发放时间不固定，个别户面积核对有误。建议公开发放时间并逐户核对。",
        AGRI, "胡玉兰", d(8, 27), number=17, session=6, reviewed=d(8, 28), lead=FINANCE, assigned=d(8, 31),
        acknowledged=d(9, 1),
    ),
    Item(
        "关于推广水稻病虫害统防统治的建议",
        "晚稻稻飞虱、纹枯病防治各自为战，效果差、成本高。建议由农机合作社开展统防统治。",
        AGRI, "梁志勇", d(10, 8), number=18, reviewed=d(10, 10), lead=FARM, assigned=d(10, 12), acknowledged=d(10, 14),
    ),
    Item(
        "关于增设桃花村通组公路弯道护栏的建议",
        "桃花村通组公路弯道多、临水临崖路段无护栏，存在安全隐患。建议增设波形护栏和警示标志。",
        BUILD, "罗德胜", d(10, 20), number=19, reviewed=d(10, 23), lead=EMERGENCY, co=("桃花村村民委员会",),
        assigned=d(10, 27),
    ),
    Item(
        "关于落实个体工商户减税降费政策的建议",
        "部分个体工商户对减税降费政策不了解，没有享受到优惠。建议开展政策宣传和上门辅导。",
        ECON, "曾凡荣", d(10, 26), number=20, reviewed=d(11, 12), lead=FINANCE, assigned=d(11, 16),
    ),
    Item(
        "关于加强石桥村留守儿童关爱服务的建议",
        "石桥村留守儿童60余名，课后无人看管。建议依托村部建立留守儿童之家，组织志愿者开展课后服务。",
        SOCIAL, "唐秀梅", d(10, 29), number=21, reviewed=d(11, 20),
    ),
    # --- waiting for review, returned, not accepted, a draft --------------------------------------------
    Item(
        "关于村里的事",
        "村里很多事情没人管，希望镇里重视。",
        LIVELIHOOD, "马永福", d(10, 20), end="returned", reviewed=d(10, 22),
        reason="标题和内容过于笼统，请写明具体的村组、问题和建议后重新提交。",
    ),
    Item(
        "关于调整县级医保报销比例的建议",
        "建议提高城乡居民医保住院报销比例，减轻农民看病负担。",
        LIVELIHOOD, "田茂林", d(9, 10), end="not_accepted", reviewed=d(9, 14),
        reason="医保报销比例属于县级事权，已转请县人大代表向县人大反映，本件转为参考。",
    ),
    Item(
        "关于支持青山茶叶品牌建设的建议",
        "青山茶叶品质好但知名度低，建议镇里牵头注册区域公用品牌，组织参加农产品展销会。",
        ECON, "郑国华", d(10, 27),
    ),
    Item(
        "关于汛期前检查山塘水库安全的建议",
        "全镇小型山塘水库较多，部分坝体有渗漏。建议明年汛期前逐一检查，落实巡查责任人。",
        ECO, "张德福", d(10, 30),
    ),
    Item(
        "关于在青山村建设村级文化广场的建议",
        "青山村没有群众活动的场地，建议利用村部旁闲置地建设文化广场，配置健身器材。",
        SOCIAL, "张德福", None,
    ),
]


ITEMS_2025 = [
    Item("关于改造集镇老旧路灯的建议", "集镇老街路灯损坏较多，夜间出行不安全，建议更换为节能路灯。",
         BUILD, "吴春燕", d(1, 10, 2025), year=2025, number=1, reviewed=d(1, 14, 2025), lead=PARTY,
         assigned=d(1, 20, 2025), acknowledged=d(1, 21, 2025),
         reply=Answer(d(4, 8, 2025), "A", "已更换老街节能路灯86盏，3月底全部亮灯。"),
         rating=Rated(d(4, 12, 2025), SAT), published=True),
    Item("关于增开枫林村至集镇公交班次的建议", "枫林村到集镇的公交每天只有两班，老人看病赶集不方便。",
         LIVELIHOOD, "刘国强", d(3, 5, 2025), year=2025, number=2, reviewed=d(3, 7, 2025), lead=PARTY,
         assigned=d(3, 10, 2025), acknowledged=d(3, 11, 2025),
         reply=Answer(d(5, 30, 2025), "A", "经与县公交公司协调，枫林线自6月1日起增至每天六班。"),
         rating=Rated(d(6, 5, 2025), SAT), published=True),
    Item("关于加强集镇垃圾清运的建议", "集镇垃圾清运不及时，夏季异味大，建议增加清运频次。",
         ECO, "彭建军", d(4, 2, 2025), year=2025, number=3, reviewed=d(4, 3, 2025), lead=ENFORCE,
         assigned=d(4, 7, 2025), acknowledged=d(4, 8, 2025),
         reply=Answer(d(6, 20, 2025), "A", "已将集镇垃圾清运由每日一次增至每日两次，并新增分类垃圾桶40组。"),
         rating=Rated(d(6, 28, 2025), BASIC)),
    Item("关于开展农村电商培训的建议", "希望举办农村电商培训，帮助村民把茶叶和土特产卖出去。",
         ECON, "何晓燕", d(6, 12, 2025), year=2025, number=5, reviewed=d(6, 13, 2025), lead=FARM,
         assigned=d(6, 16, 2025), acknowledged=d(6, 17, 2025),
         reply=Answer(d(8, 29, 2025), "A", "已联合县商务局举办电商培训班两期，培训村民126人。"),
         rating=Rated(d(9, 3, 2025), SAT), published=True),
    Item("关于维修镇中心学校学生宿舍的建议", "镇中心学校学生宿舍屋面漏雨，建议暑假期间维修。",
         SOCIAL, "徐建华", d(5, 6, 2025), year=2025, number=4, reviewed=d(5, 8, 2025), lead=SCHOOL,
         assigned=d(5, 12, 2025), acknowledged=d(5, 13, 2025),
         reply=Answer(d(8, 15, 2025), "A", "宿舍屋面已于暑假完成防水维修。"),
         rating=Rated(d(8, 25, 2025), SAT)),
]
