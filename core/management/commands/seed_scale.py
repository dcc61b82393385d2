"""Build the performance suite's data set, "100× a township", on a migrated and seed_demo-ed
database: `python manage.py seed_scale [--factor 100] [--seed 2026] [--reset]`. See core/scale."""
from django.core.management.base import BaseCommand, CommandError

from core import scale


class Command(BaseCommand):
    help = "Add the scale data set (factor 100: 10,000 deputies, 100,000 suggestions…) in bulk."

    def add_arguments(self, parser):
        parser.add_argument("--factor", type=float, default=scale.DEFAULT_FACTOR,
                            help="Size relative to factor 1 (100 deputies, 1,000 suggestions); default 100.")
        parser.add_argument("--seed", type=int, default=scale.DEFAULT_SEED,
                            help="Random seed; the same seed gives the same data.")
        parser.add_argument("--reset", action="store_true", help="Delete a previous scale data set first.")

    def handle(self, *args, factor, seed, reset, **options):
        self.stdout.write(f"Building the scale data set, factor {factor:g}, seed {seed}…")
        try:
            counts, seconds = scale.build(factor=factor, seed=seed, reset=reset, stdout=self.stdout)
        except scale.ScaleDataPresent as error:
            raise CommandError(str(error)) from error
        except ValueError as error:
            raise CommandError(str(error)) from error
        width = max(len(label) for label in counts)
        for label, n in sorted(counts.items()):
            self.stdout.write(f"  {label:<{width}}  {n:>9,}")
        total = sum(counts.values())
        self.stdout.write(self.style.SUCCESS(f"Scale data set ready: {total:,} rows in {seconds:.1f} s."))
