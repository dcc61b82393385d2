"""The content categories and result classes of SPEC §4, and the handling rules' default row.
Staff may rename, reorder or retire them in the admin; the code never depends on their names
(only on ResultClass.needs_promise_date)."""
from django.db import migrations

CATEGORIES = ["经济发展", "城乡建设", "农业农村", "社会事业", "生态环境", "民生保障", "其他"]
RESULT_CLASSES = [
    ("A", "已解决或采纳", False),
    ("B", "正在解决或列入计划", True),
    ("C", "因条件限制暂时无法解决", False),
]


def create_defaults(apps, schema_editor):
    Category = apps.get_model("motions", "Category")
    ResultClass = apps.get_model("motions", "ResultClass")
    HandlingRules = apps.get_model("motions", "HandlingRules")
    for order, name in enumerate(CATEGORIES, start=1):
        Category.objects.get_or_create(name=name, defaults={"sort_order": order})
    for order, (code, name, needs_promise_date) in enumerate(RESULT_CLASSES, start=1):
        ResultClass.objects.get_or_create(
            code=code, defaults={"name": name, "needs_promise_date": needs_promise_date, "sort_order": order},
        )
    if not HandlingRules.objects.exists():
        HandlingRules.objects.create()


class Migration(migrations.Migration):
    dependencies = [("motions", "0001_initial")]
    operations = [migrations.RunPython(create_defaults, migrations.RunPython.noop)]
