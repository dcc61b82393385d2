"""`__in` on an integer column that ignores figures the column cannot hold.

Django's own `exact`, `gt`, `lt`... lookups on integer fields treat a figure past the column's
range as matching nothing (`IntegerFieldOverflow`), but `in` sends it to the database, and SQLite's
driver then raises OverflowError. A multiple-choice field (a form's tick list of deputies or
units) checks what was posted with `pk__in`, so one tampered checkbox value of twenty digits
became a server error instead of "select a valid choice". Registered in CoreConfig.ready().
"""
from django.db.models import IntegerField
from django.db.models.lookups import In


@IntegerField.register_lookup
class IntegerFieldIn(In):
    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            low, high = connection.ops.integer_field_range(self.lhs.output_field.get_internal_type())
            self.rhs = [value for value in self.rhs
                        if not isinstance(value, int)
                        or ((low is None or value >= low) and (high is None or value <= high))]
        return super().process_rhs(compiler, connection)
