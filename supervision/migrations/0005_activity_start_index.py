from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('supervision', '0004_list_indexes'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='activity',
            index=models.Index(fields=['start_date'], name='activity_start'),
        ),
    ]
