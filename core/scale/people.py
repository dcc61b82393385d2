"""The people of the scale data set: the terms the ten years need, more handling units with an
officer each, the deputies with their accounts, mandates, districts and representative groups,
and presidium members for every term."""
import datetime
import math
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db.models import Max

from core.demo import DEMO_PASSWORD
from core.models import HandlingUnit, User
from core.roles import Role
from deputies.models import Deputy, ElectoralDistrict, Mandate, RepresentativeGroup, Term

from .base import MARKER, OFFICES, ONE_DAY, VILLAGES, Names, at, scaled

DEPUTIES_PER_DISTRICT = 50
TERM_YEARS = 5


@dataclass(frozen=True)
class Seat:
    """One township mandate, as the builders need it."""

    deputy_id: int
    user_id: int | None
    term_id: int
    elected_on: datetime.date
    ended_on: datetime.date | None
    scale: bool

    def serves(self, day):
        return self.elected_on <= day and (self.ended_on is None or self.ended_on > day)


@dataclass(frozen=True)
class Member:
    deputy_id: int
    user_id: int | None
    position: str
    since: datetime.date
    until: datetime.date | None

    def serves(self, day):
        return self.since <= day and (self.until is None or self.until >= day)


@dataclass(frozen=True)
class Unit:
    pk: int
    name: str
    head: str
    officer_id: int | None
    scale: bool


class People:
    def __init__(self, factor, rng, clock, inserter):
        self.factor, self.rng, self.clock, self.insert = factor, rng, clock, inserter
        self.password = make_password(DEMO_PASSWORD)  # hashed once, shared by every scale account
        self.names = Names(rng, Deputy.objects.values_list("name", "birth_date"))
        self.groups = {role: Group.objects.get_or_create(name=role.value)[0] for role in Role}

    def build(self, stdout):
        self.terms = self._terms()
        self.office = self._account("office", "人大办规模数据录入员", Role.STAFF)
        self.office_ids = list(User.objects.filter(is_active=True, groups__name__in=[Role.STAFF, Role.CHAIRMAN])
                               .values_list("pk", flat=True).distinct().order_by("pk"))
        self.units = self._units()
        self._deputies()
        self._presidium()
        self._groups()
        stdout.write(f"  people: {len(self.scale_seats)} scale mandates, {len(self.units)} units, "
                     f"terms {', '.join(str(term.number) for term in self.terms)}")

    # --- terms ----------------------------------------------------------------------------------

    def _terms(self):
        """Terms covering the ten years: the ones there are, and earlier ones when needed."""
        terms = list(Term.objects.order_by("start_date"))
        today = self.clock.today
        if not any(term.start_date <= today <= term.end_date for term in terms):
            start = terms[-1].end_date + ONE_DAY if terms else datetime.date(today.year - 1, 1, 1)
            while start + relativedelta(years=TERM_YEARS) <= today:
                start += relativedelta(years=TERM_YEARS)
            number = (max(term.number for term in terms) + 1) if terms else 11
            terms.append(Term.objects.create(number=number, start_date=start,
                                             end_date=start + relativedelta(years=TERM_YEARS) - ONE_DAY))
        while terms[0].start_date > self.clock.first_day and terms[0].number > 1:
            first = terms[0]
            terms.insert(0, Term.objects.create(
                number=first.number - 1, start_date=first.start_date - relativedelta(years=TERM_YEARS),
                end_date=first.start_date - ONE_DAY))
        return [term for term in terms if term.end_date >= self.clock.first_day and term.start_date <= today]

    def term_of(self, day):
        for term in self.terms:
            if term.start_date <= day <= term.end_date:
                return term
        return min(self.terms, key=lambda term: min(abs((term.start_date - day).days), abs((term.end_date - day).days)))

    # --- accounts and units ---------------------------------------------------------------------

    def _user(self, username, name, phone=None, unit_id=None):
        return User(username=f"{MARKER}{username}", name=name, phone=phone, handling_unit_id=unit_id,
                    email=f"{MARKER}{username}@scale.example.cn", password=self.password, is_active=True,
                    date_joined=at(self.clock.first_day))

    def _account(self, username, name, role):
        user = self.insert.add(User, [self._user(username, name)])[0]
        self.insert.link(User._meta.get_field("groups"), [(user.pk, self.groups[role].pk)])
        return user

    def _units(self):
        existing = list(HandlingUnit.objects.filter(active=True).order_by("sort_order", "pk"))
        taken = {unit.name for unit in HandlingUnit.objects.all()}
        officers = {}
        for user in User.objects.filter(handling_unit__isnull=False, is_active=True).order_by("pk"):
            officers.setdefault(user.handling_unit_id, user.pk)
        names = ([office for office in OFFICES] + [f"{village}村村民委员会" for village in VILLAGES]
                 + [f"{village}片区{office}" for village in VILLAGES for office in OFFICES])
        names = [name for name in names if name not in taken]
        count = scaled("units", self.factor)
        order = max((unit.sort_order for unit in existing), default=0) + 1
        rows = []
        for index, name in enumerate(names[:count]):
            kind = HandlingUnit.Kind.VILLAGE_COMMITTEE if name.endswith("委员会") else HandlingUnit.Kind.GOVERNMENT_OFFICE
            rows.append(HandlingUnit(name=name, kind=kind, head=self.names.person(), active=True,
                                     phone=f"0731-8700{index:04d}", sort_order=order + index))
        created = self.insert.add(HandlingUnit, rows)
        users = self.insert.add(User, [self._user(f"unit-{index}", self.names.person(), unit_id=unit.pk)
                                       for index, unit in enumerate(created, start=1)])
        self.insert.link(User._meta.get_field("groups"),
                         [(user.pk, self.groups[Role.UNIT_OFFICER].pk) for user in users])
        units = [Unit(unit.pk, unit.name, unit.head, officers.get(unit.pk), False) for unit in existing]
        units += [Unit(unit.pk, unit.name, unit.head, user.pk, True) for unit, user in zip(created, users)]
        self.scale_units = [unit for unit in units if unit.scale]
        self.other_units = [unit for unit in units if not unit.scale]
        return units

    def pick_unit(self, exclude=()):
        """A lead or co-unit: mostly the scale units, now and then one of the township's own."""
        pool = self.other_units if self.other_units and self.rng.random() < 0.2 else self.scale_units
        for _ in range(10):
            unit = self.rng.choice(pool)
            if unit.pk not in exclude:
                return unit
        return next((unit for unit in self.units if unit.pk not in exclude), None)

    # --- deputies and mandates --------------------------------------------------------------------

    def _deputies(self):
        """Each deputy holds a mandate of the current term, of an earlier one, or of both
        (re-elected): i % 5 == 0 both, 1 and 3 the current term, 2 and 4 an earlier one."""
        count = scaled("deputies", self.factor)
        current, earlier = self.terms[-1], self.terms[:-1] or self.terms[-1:]
        rng = self.rng
        rows, users, plans = [], [], []
        for index in range(count):
            name, birth = self.names.deputy()
            pattern = index % 5
            terms = {0: [earlier[index % len(earlier)], current], 1: [current], 3: [current]}.get(
                pattern, [earlier[index % len(earlier)]])
            terms = list(dict.fromkeys(terms))
            plans.append(terms)
            phone = f"199{index + 1:08d}"
            users.append(self._user(f"deputy-{index + 1}", name, phone=phone))
            rows.append(Deputy(
                name=name, birth_date=birth, gender=rng.choice(Deputy.Gender.values),
                political_status=rng.choice(Deputy.PoliticalStatus.values),
                education=rng.choice(Deputy.Education.values), occupation=rng.choice(Deputy.Occupation.values),
                work_unit=f"{rng.choice(VILLAGES)}村村民", phone=phone,
            ))
        users = self.insert.add(User, users)
        self.insert.link(User._meta.get_field("groups"), [(user.pk, self.groups[Role.DEPUTY].pk) for user in users])
        for deputy, user in zip(rows, users):
            deputy.user_id = user.pk
        # Districts per term, enough for about 50 deputies each; a deputy belongs to the district
        # of their latest term.
        by_term = {}
        for index, terms in enumerate(plans):
            by_term.setdefault(terms[-1].pk, []).append(index)
        for term in self.terms:
            indexes = by_term.get(term.pk, [])
            if not indexes:
                continue
            districts = self._districts(term, math.ceil(len(indexes) / DEPUTIES_PER_DISTRICT), len(indexes))
            for position, index in enumerate(indexes):
                rows[index].district_id = districts[position % len(districts)].pk
        deputies = self.insert.add(Deputy, rows)
        self._mandates(deputies, users, plans)

    def _districts(self, term, count, deputies):
        start = (ElectoralDistrict.objects.filter(term=term).aggregate(last=Max("number"))["last"] or 0) + 1
        seats = max(1, deputies // count)
        return self.insert.add(ElectoralDistrict, [
            ElectoralDistrict(term=term, number=number, name=f"第{number}选区",
                              area=f"{VILLAGES[number % len(VILLAGES)]}片区", seats=seats)
            for number in range(start, start + count)
        ])

    def _mandates(self, deputies, users, plans):
        rng, today = self.rng, self.clock.today
        rows = []
        for deputy, user, terms in zip(deputies, users, plans):
            for term in terms:
                current = term.end_date >= today
                elected, election = term.start_date, Mandate.Election.GENERAL
                status, ended, note = Mandate.Status.IN_OFFICE, None, ""
                draw = rng.random()
                last_day = min(term.end_date, self.clock.yesterday)
                if draw < 0.06 and (last_day - term.start_date).days > 400:
                    election = Mandate.Election.BY_ELECTION
                    elected = self.clock.day_between(term.start_date + datetime.timedelta(days=180),
                                                     last_day - datetime.timedelta(days=180))
                elif draw < 0.10 and (last_day - term.start_date).days > 120:
                    status = rng.choice([Mandate.Status.RESIGNED, Mandate.Status.TRANSFERRED,
                                         Mandate.Status.DECEASED, Mandate.Status.RECALLED])
                    ended = self.clock.day_between(term.start_date + datetime.timedelta(days=60), last_day)
                    note = {Mandate.Status.RESIGNED: "本人申请辞去代表职务", Mandate.Status.TRANSFERRED: "工作调动离开本镇",
                            Mandate.Status.DECEASED: "因病去世", Mandate.Status.RECALLED: "被原选区选民依法罢免"}[status]
                if status == Mandate.Status.IN_OFFICE and not current:
                    status, ended, note = Mandate.Status.TERM_ENDED, term.end_date + ONE_DAY, "本届任期届满"
                rows.append(Mandate(deputy_id=deputy.pk, level=Mandate.Level.TOWNSHIP, term=term, election=election,
                                    elected_on=elected, status=status, ended_on=ended, end_note=note))
        self.insert.add(Mandate, rows)
        user_of = {deputy.pk: user.pk for deputy, user in zip(deputies, users)}
        self.scale_seats = [Seat(m.deputy_id, user_of[m.deputy_id], m.term_id, m.elected_on, m.ended_on, True)
                            for m in rows]
        term_ids = [term.pk for term in self.terms]
        others = Mandate.objects.filter(level=Mandate.Level.TOWNSHIP, term_id__in=term_ids).exclude(
            deputy__user__username__startswith=MARKER).values_list(
            "deputy_id", "deputy__user_id", "term_id", "elected_on", "ended_on")
        self.seats = self.scale_seats + [Seat(*row, False) for row in others]
        self.seats_by_term = {}
        self.scale_seats_by_term = {}
        for seat in self.seats:
            self.seats_by_term.setdefault(seat.term_id, []).append(seat)
            if seat.scale:
                self.scale_seats_by_term.setdefault(seat.term_id, []).append(seat)

    def in_office(self, day, *, scale_only=False):
        term = self.term_of(day)
        seats = (self.scale_seats_by_term if scale_only else self.seats_by_term).get(term.pk, [])
        return [seat for seat in seats if seat.serves(day)]

    def pick_deputy(self, day, exclude=(), *, strict=True):
        """A scale deputy in office on `day`; None when there is none, unless not `strict`: then
        (tiny factors only) one of the term's scale deputies who served at some other time."""
        seats = self.scale_seats_by_term.get(self.term_of(day).pk) or self.scale_seats
        for _ in range(20):
            seat = self.rng.choice(seats)
            if seat.serves(day) and seat.deputy_id not in exclude:
                return seat
        serving = [seat for seat in seats if seat.serves(day) and seat.deputy_id not in exclude]
        if not serving and not strict:
            serving = [seat for seat in seats if seat.deputy_id not in exclude]
        return self.rng.choice(serving) if serving else None

    # --- presidium and groups -----------------------------------------------------------------------

    def _presidium(self):
        """Up to five scale deputies join each term's presidium; the chair and vice-chair go to
        them only where the term has none."""
        from congress.models import PresidiumMembership

        P = PresidiumMembership.Position
        self.presidium = {}
        rows = []
        for term in self.terms:
            existing = list(PresidiumMembership.objects.filter(term=term).select_related("deputy"))
            held = {membership.position for membership in existing}
            full_term = [seat for seat in self.scale_seats_by_term.get(term.pk, [])
                         if seat.elected_on == term.start_date and seat.ended_on in (None, term.end_date + ONE_DAY)]
            until = term.end_date if term.end_date < self.clock.today else None
            positions = [position for position in (P.CHAIRMAN, P.VICE_CHAIRMAN) if position not in held]
            positions += [P.MEMBER] * (5 - len(positions))
            for seat, position in zip(full_term[:5], positions):
                rows.append(PresidiumMembership(term=term, deputy_id=seat.deputy_id, position=position,
                                                since=term.start_date, until=until))
            self.presidium[term.pk] = [Member(m.deputy_id, m.deputy.user_id, m.position, m.since, m.until)
                                       for m in existing]
        self.insert.add(PresidiumMembership, rows)
        user_of = {seat.deputy_id: seat.user_id for seat in self.scale_seats}
        current = self.terms[-1].pk
        for row in rows:
            self.presidium[row.term_id].append(Member(row.deputy_id, user_of[row.deputy_id], row.position,
                                                      row.since, row.until))
        # The scale members of the current term read everything, as presidium members do.
        self.insert.link(User._meta.get_field("groups"), [
            (user_of[row.deputy_id], self.groups[Role.PRESIDIUM_MEMBER].pk) for row in rows if row.term_id == current])

    def presidium_on(self, day, positions=None):
        """The presidium members serving on `day` who are still deputies that day."""
        term = self.term_of(day)
        serving = {seat.deputy_id for seat in self.seats_by_term.get(term.pk, []) if seat.serves(day)}
        return [member for member in self.presidium.get(term.pk, [])
                if member.serves(day) and member.deputy_id in serving
                and (positions is None or member.position in positions)]

    def pick_leader(self, day):
        members = self.presidium_on(day)
        return self.rng.choice(members) if members else None

    def _groups(self):
        """A representative group per scale district: its deputies, the first of them leading."""
        members = {}
        district_of = {pk: (district_id, term_id) for pk, district_id, term_id in Deputy.objects.filter(
            user__username__startswith=MARKER).values_list("pk", "district_id", "district__term_id")}
        ends = {term.pk: term.end_date for term in self.terms}
        for seat in self.scale_seats:
            district_id, term_id = district_of[seat.deputy_id]
            if term_id == seat.term_id and (seat.ended_on is None or seat.ended_on > ends[seat.term_id]):
                members.setdefault(district_id, []).append(seat.deputy_id)
        groups = []
        districts = ElectoralDistrict.objects.filter(pk__in=members.keys()).order_by("pk")
        for district in districts:
            deputy_ids = list(dict.fromkeys(members[district.pk]))
            contact = self.presidium.get(district.term_id) or [None]
            groups.append(RepresentativeGroup(
                term_id=district.term_id, name=f"{district.name}代表小组", area=district.area,
                leader_id=deputy_ids[0], contact_member_id=contact[0].deputy_id if contact[0] else None))
        groups = self.insert.add(RepresentativeGroup, groups)
        self.insert.link(RepresentativeGroup._meta.get_field("members"),
                         [(group.pk, deputy_id) for group, district in zip(groups, districts)
                          for deputy_id in dict.fromkeys(members[district.pk])])
