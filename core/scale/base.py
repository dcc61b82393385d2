"""What every part of the scale data set shares: the counts per factor, the random source, the
calendar of the ten years, bulk insertion and the words the records are made of."""
import datetime
import io
import math
from contextlib import contextmanager

from django.db import connection
from django.utils import timezone

from core import workdays

MARKER = "scale-"  # every account of the scale data set; the rest is found through them
BATCH = 5000
ONE_DAY = datetime.timedelta(days=1)

# The counts of factor 1; factor 100 is "100× a township" (10,000 deputies, 100,000 suggestions…).
BASE_COUNTS = {
    "deputies": 100,
    "suggestions": 1000,
    "reminders": 2000,
    "meetings": 50,
    "activities": 100,
    "units": 0.3,
    "sessions": 0.2,  # two a year at factor 100: a congress meets twice a year however large it is
}


def scaled(name, factor):
    """The count of `name` at `factor`, rounded half up, at least 1."""
    return max(1, math.floor(BASE_COUNTS[name] * factor + 0.5))


def at(day, hour=9, minute=0):
    """`day` at `hour`:`minute` in the portal's time zone (Asia/Shanghai keeps no summer time)."""
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=timezone.get_default_timezone())


def chunks(rows, size=BATCH):
    for start in range(0, len(rows), size):
        yield rows[start:start + size]


@contextmanager
def own_timestamps(*models):
    """Let bulk_create store the dates the records would have had: auto_now and auto_now_add
    fields otherwise overwrite them with the moment of the insert."""
    fields = [field for model in models for field in model._meta.concrete_fields
              if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)]
    saved = [(field, field.auto_now, field.auto_now_add) for field in fields]
    for field in fields:
        field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, auto_now, auto_now_add in saved:
            field.auto_now, field.auto_now_add = auto_now, auto_now_add


class Inserter:
    """Bulk insertion in batches, counting the rows per model; the database assigns the keys.

    On PostgreSQL the rows go in with COPY, their keys drawn from the table's own sequence first
    (so the sequence stays right); elsewhere (SQLite, for the small factors of the tests) with
    bulk_create. `add` takes model instances and sets their keys; `queue` takes the field values
    of rows nobody needs the key of, and writes them a batch at a time.
    """

    def __init__(self):
        self.counts = {}
        self.pending = {}
        self.copy = connection.vendor == "postgresql"

    def add(self, model, objects):
        objects = list(objects)
        if not objects:
            return objects
        if self.copy:
            for obj in objects:
                obj._prepare_related_fields_for_save(operation_name="bulk_create")
            for batch in chunks(objects):
                for obj, pk in zip(batch, self._keys(model, len(batch))):
                    obj.pk = pk
                self._copy(model, [[getattr(obj, field.attname) for field in model._meta.concrete_fields]
                                   for obj in batch], with_pk=True)
        else:
            model.objects.bulk_create(objects, batch_size=BATCH)
        self._count(model, len(objects))
        return objects

    def queue(self, model, **values):
        """Insert a row of these field values (attnames) with the next batch of its model."""
        rows = self.pending.setdefault(model, [])
        rows.append(values)
        if len(rows) >= BATCH:
            self.flush(model)

    def flush(self, model=None):
        for each in [model] if model else list(self.pending):
            rows = self.pending.pop(each, [])
            if not rows:
                continue
            if self.copy:
                fields = [field for field in each._meta.concrete_fields if not field.primary_key]
                defaults = [field.get_default() for field in fields]
                self._copy(each, [[row.get(field.attname, default) for field, default in zip(fields, defaults)]
                                  for row in rows], with_pk=False)
            else:
                each.objects.bulk_create([each(**row) for row in rows], batch_size=BATCH)
            self._count(each, len(rows))

    def link(self, m2m_field, pairs):
        """Rows of a many-to-many field's table: pairs of (owner pk, target pk)."""
        through = m2m_field.remote_field.through
        source, target = m2m_field.m2m_field_name(), m2m_field.m2m_reverse_field_name()
        for a, b in pairs:
            self.queue(through, **{f"{source}_id": a, f"{target}_id": b})
        self.flush(through)

    def _count(self, model, n):
        self.counts[model._meta.label] = self.counts.get(model._meta.label, 0) + n

    def _keys(self, model, n):
        with connection.cursor() as cursor:
            cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                           [model._meta.db_table, model._meta.pk.column, n])
            return [row[0] for row in cursor.fetchall()]

    def _copy(self, model, rows, *, with_pk):
        fields = [field for field in model._meta.concrete_fields if with_pk or not field.primary_key]
        columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
        text = "".join("\t".join(map(_copy_text, row)) + "\n" for row in rows)
        with connection.cursor() as cursor:
            cursor.cursor.copy_expert(f"COPY {connection.ops.quote_name(model._meta.db_table)} ({columns}) FROM STDIN",
                                      io.StringIO(text))


def _copy_text(value):
    """A value in COPY's text format."""
    if value is None:
        return "\\N"
    if value is True or value is False:
        return "t" if value else "f"
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    text = str(value)
    if "\\" in text or "\t" in text or "\n" in text or "\r" in text:
        text = text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return text


class Clock:
    """Today, the ten years (the current one and the nine before) and random days within them."""

    def __init__(self, rng, today=None):
        self.rng = rng
        self.today = today or timezone.localdate()
        self.yesterday = self.today - ONE_DAY
        self.first_year = self.today.year - 9
        self.years = list(range(self.first_year, self.today.year + 1))
        self.first_day = datetime.date(self.first_year, 1, 1)
        self.last_day = datetime.date(self.today.year, 12, 31)
        self.calendar = workdays.WorkCalendar()

    def day_between(self, first, last):
        if last <= first:
            return first
        return first + datetime.timedelta(days=self.rng.randint(0, (last - first).days))

    def weekday_between(self, first, last):
        day = self.day_between(first, last)
        while day.weekday() >= 5 and day > first:
            day -= ONE_DAY
        return day

    def after(self, day, low, high, limit=None):
        """A day `low`..`high` days after `day`, no later than `limit` (yet never before `day`)."""
        later = day + datetime.timedelta(days=self.rng.randint(low, high))
        if limit is not None and later > limit:
            later = max(day, limit)
        return later

    def working_days_after(self, day, count):
        return workdays.add_working_days(day, count, calendar=self.calendar)


# --- words ----------------------------------------------------------------------------------------

SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
            "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰建国文红梅志海林春燕云飞鹏辉斌波宇浩凯婷雪琴晓东亮成德福贵"
VILLAGES = ["青山", "白沙", "枫林", "石桥", "龙泉", "新塘", "桃花", "柳塘", "荷花", "杨家", "李家", "黄泥", "大坪", "高桥",
            "长岭", "松山", "竹园", "梅溪", "金盆", "清水", "仙岭", "花果", "东山", "西湖", "南岭", "北港", "双河", "三星",
            "五里", "七星", "八角", "九龙", "十里", "沙洲", "凤凰", "麻田", "茶园", "枣树", "桂花", "兰田"]
OFFICES = ["农业技术推广站", "水利管理站", "林业工作站", "文化综合服务站", "司法所", "市场监督管理所", "规划建设办公室",
           "供电所", "派出所", "交通管理站", "民政办公室", "退役军人服务站", "医疗保障服务站", "就业服务站", "经济发展办公室"]
TOPICS = [
    ("农业农村", "机耕道硬化"), ("农业农村", "山塘清淤"), ("农业农村", "高标准农田建设"), ("农业农村", "灌溉渠维修"),
    ("城乡建设", "通组公路加装护栏"), ("城乡建设", "老旧小区路灯维修"), ("城乡建设", "集镇停车场建设"),
    ("城乡建设", "危房改造"), ("生态环境", "垃圾收集点清运"), ("生态环境", "河道清淤治理"), ("生态环境", "生活污水处理"),
    ("社会事业", "开通学生校车"), ("社会事业", "村卫生室增加常用药品"), ("社会事业", "文化广场建设"),
    ("民生保障", "养老服务中心扩建"), ("民生保障", "城乡居民医保代办"), ("民生保障", "饮水工程水压不足"),
    ("民生保障", "增加公交班次"), ("经济发展", "茶叶区域品牌建设"), ("经济发展", "农村电商培训"),
    ("经济发展", "农贸市场改造"), ("其他", "村务公开栏更新"), ("其他", "法律咨询进村"),
]
ACTIVITY_TOPICS = ["农村人居环境整治", "农村饮水安全", "食品安全", "防汛抗旱", "茶叶产业发展", "义务教育均衡发展",
                   "农村公路建设养护", "森林防火", "耕地保护", "养老服务", "医疗保障", "集镇综合整治"]
PROBLEMS = ["台账不规范，部分凭证缺失", "设施老化，存在安全隐患", "工作进度滞后于计划", "长效管护机制尚未建立",
            "群众反映问题回应不及时", "资金拨付不及时", "宣传引导不到位", "部分从业人员证照过期"]


class Names:
    """Chinese names that never repeat with the same birth month (the roster's natural key)."""

    def __init__(self, rng, taken=()):
        self.rng = rng
        self.taken = set(taken)

    def person(self):
        return self.rng.choice(SURNAMES) + "".join(self.rng.choice(GIVEN) for _ in range(self.rng.choice((1, 2, 2))))

    def deputy(self):
        while True:
            name = self.person()
            birth = datetime.date(self.rng.randint(1958, 1998), self.rng.randint(1, 12), 1)
            if (name, birth) not in self.taken:
                self.taken.add((name, birth))
                return name, birth
