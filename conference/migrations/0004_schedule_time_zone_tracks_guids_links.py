"""The schedule: event time zone and acronym, tracks, talk links, and stable guids.

The guids follow Django's recipe for a new unique field: added nullable, filled row by row
(each row its own UUID), then made unique.
"""

import conference.models.schedule
import django.core.validators
import django.db.models.deletion
import modelcluster.fields
import uuid
from django.db import migrations, models


def fill_guids(apps, schema_editor):
    # The reverse is a no-op: going back drops the column with its values.
    for model_name in ("Speaker", "TalkPage"):
        model = apps.get_model("conference", model_name)
        for pk in model.objects.filter(guid__isnull=True).values_list("pk", flat=True):
            model.objects.filter(pk=pk).update(guid=uuid.uuid4())


class Migration(migrations.Migration):

    dependencies = [
        ('conference', '0003_help_texts_for_day_titles_and_speaker_chooser'),
    ]

    operations = [
        migrations.AddField(
            model_name='eventpage',
            name='acronym',
            field=models.CharField(blank=True, help_text='Optional short name for conference apps, e.g. djangocon_us_2023; the slug is used when empty.', max_length=64, validators=[conference.models.schedule.validate_acronym]),
        ),
        migrations.AddField(
            model_name='eventpage',
            name='time_zone',
            field=models.CharField(choices=conference.models.schedule.time_zone_choices, default=conference.models.schedule.default_time_zone, help_text='Where the event takes place: talk times are in this time zone.', max_length=63),
        ),
        migrations.AddField(
            model_name='speaker',
            name='guid',
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.AddField(
            model_name='talkpage',
            name='guid',
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.RunPython(fill_guids, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='speaker',
            name='guid',
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
        migrations.AlterField(
            model_name='talkpage',
            name='guid',
            field=models.UUIDField(default=conference.models.schedule.new_guid, editable=False, unique=True),
        ),
        migrations.CreateModel(
            name='TalkLink',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                ('kind', models.CharField(choices=[('slides', 'Slides'), ('recording', 'Recording'), ('code', 'Code repository'), ('other', 'Other')], default='other', max_length=20)),
                ('title', models.CharField(blank=True, help_text='Optional; the kind is used when empty.', max_length=255)),
                ('url', models.URLField(max_length=500, verbose_name='Address')),
                ('talk', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='links', to='conference.talkpage')),
            ],
            options={
                'ordering': ['sort_order'],
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='Track',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=100)),
                ('slug', models.SlugField(help_text="Used in the track's calendar address.", max_length=100)),
                ('color', models.CharField(blank=True, help_text='Optional, as #rrggbb, for conference apps that colour tracks.', max_length=7, validators=[django.core.validators.RegexValidator('^#[0-9a-fA-F]{6}$', 'Use a colour as #rrggbb, e.g. #1a6b3c.')])),
                ('event', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='tracks', to='conference.eventpage')),
            ],
            options={
                'ordering': ['event', 'name'],
            },
        ),
        migrations.AddField(
            model_name='talkpage',
            name='track',
            field=models.ForeignKey(blank=True, help_text='Optional. Tracks are listed under Snippets → Tracks.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='talks', to='conference.track'),
        ),
        migrations.AddConstraint(
            model_name='track',
            constraint=models.UniqueConstraint(fields=('event', 'slug'), name='unique_track_slug_per_event'),
        ),
    ]
