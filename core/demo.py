"""Demo data for core: the township, its handling units and one account for each role."""
from django.contrib.auth.models import Group

from .models import HandlingUnit, Notification, Township, User
from .roles import Role

DEMO_PASSWORD = "Demo-2026"

GOVERNMENT_OFFICES = [
    ("党政综合办公室", "周海涛", "0731-86120001"),
    ("财政所", "刘志强", "0731-86120002"),
    ("农业农村综合服务中心", "黄国平", "0731-86120003"),
    ("自然资源所", "吴文斌", "0731-86120004"),
    ("社会事务综合服务中心", "何丽华", "0731-86120005"),
    ("综合行政执法大队", "邓永胜", "0731-86120006"),
    ("应急管理办公室", "罗建军", "0731-86120007"),
    ("镇卫生院", "谢春兰", "0731-86120008"),
    ("镇中心学校", "唐明辉", "0731-86120009"),
]
VILLAGES = ["青山村", "白沙村", "枫林村", "石桥村", "龙泉村", "新塘村", "桃花村", "青山社区"]

# username, name, phone, role, is_staff (may use the admin site), unit
ACCOUNTS = [
    ("chairman", "王建国", "13907310001", Role.CHAIRMAN, True, None),
    ("member", "李秀英", "13907310002", Role.PRESIDIUM_MEMBER, False, None),
    ("staff", "陈晓梅", "13907310003", Role.STAFF, True, None),
    ("deputy", "张德福", "13907310004", Role.DEPUTY, False, None),
    ("czs", "刘志强", "13907310005", Role.UNIT_OFFICER, False, "财政所"),
    # More deputies with a login, so that a demo motion can gather its five signatures online.
    ("zhaohm", "赵红梅", "13907310006", Role.DEPUTY, False, None),
    ("yangwd", "杨卫东", "13907310007", Role.DEPUTY, False, None),
    ("chengf", "陈桂芳", "13907310008", Role.DEPUTY, False, None),
    ("zhouzm", "周志明", "13907310009", Role.DEPUTY, False, None),
]


def seed(stdout):
    township = Township.objects.order_by("pk").first() or Township()
    township.name, township.county, township.province = "青山镇", "清水县", "湖南省"
    township.address, township.phone = "青山镇人民政府三楼人大主席团办公室", "0731-86120000"
    township.save()

    for order, (name, head, phone) in enumerate(GOVERNMENT_OFFICES, start=1):
        HandlingUnit.objects.update_or_create(
            name=name, defaults={"kind": HandlingUnit.Kind.GOVERNMENT_OFFICE, "head": head, "phone": phone,
                                 "sort_order": order, "active": True},
        )
    for order, village in enumerate(VILLAGES, start=100):
        kind_name = "居民委员会" if village.endswith("社区") else "村民委员会"
        HandlingUnit.objects.update_or_create(
            name=f"{village}{kind_name}",
            defaults={"kind": HandlingUnit.Kind.VILLAGE_COMMITTEE, "sort_order": order, "active": True},
        )

    for username, name, phone, role, is_staff, unit_name in ACCOUNTS:
        user, created = User.objects.update_or_create(
            username=username,
            defaults={"name": name, "phone": phone, "email": f"{username}@qingshan.example.cn", "is_staff": is_staff,
                      "is_active": True,
                      "handling_unit": HandlingUnit.objects.get(name=unit_name) if unit_name else None},
        )
        if created or not user.check_password(DEMO_PASSWORD):
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        user.groups.set([Group.objects.get(name=role)])
        Notification.objects.get_or_create(
            recipient=user, kind="welcome",
            defaults={"subject": f"欢迎使用{township.name}人大主席团工作平台",
                      "body": "您的账号已开通。如有问题，请联系镇人大主席团办公室（0731-86120000）。"},
        )
    stdout.write(f"Township {township.name}: {HandlingUnit.objects.count()} handling units, "
                 f"{len(ACCOUNTS)} demo accounts (password {DEMO_PASSWORD}).")
