"""The access matrix (SPEC §1): every URL pattern of the URLconf, requested by every role, each a
real user with real objects of their own (tests/security/world.py), answers what the table says.

A pattern missing from the table fails `test_every_url_pattern_is_in_the_table`, naming it, so a
new page cannot escape the matrix. One case per (URL, role) so a failure names both.

Codes: 200, 204, 403, 404, 405 as such; L = 302 to the portal's sign-in page; AL = 302 to the admin
site's sign-in page; R = 302 somewhere else (a page that sends the user on).
Role keys: anon, a / b (deputies A and B), x / y (officers of units X and Y), st (office staff,
人大办), m (presidium member), c (chairman).

Each entry names the world's objects that fill the URL's arguments: "pk": "a_item" is
world.a_item.pk; "kw" gives the other arguments the same way (a name of the world, or V(value) for a
literal); "query" adds a query string. "name#variant" keys check the same URL with other objects.
POST-only views carry a "post" row: the same roles POST an empty form; a refused POST must change
nothing (the objects of the URL and the number of rows of its app stay as they were).
"""
import pytest
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.test import Client
from django.shortcuts import resolve_url
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.security.world import ROLES, build_world

L, AL, R = "L", "AL", "R"


class V:
    """A literal argument (not the name of a world object)."""

    def __init__(self, value):
        self.value = value


# Who reads everything (chairman, presidium member, staff), who manages (chairman, staff).
# Each entry still spells out every role: the table reads row by row.

CORE = {
    # Signed in, the sign-in page sends the user on to their dashboard.
    "login":                      {"anon": 200, "a": R, "b": R, "x": R, "y": R, "st": R, "m": R, "c": R},
    "logout":                     {"anon": L, "a": 405, "b": 405, "x": 405, "y": 405, "st": 405, "m": 405, "c": 405,
                                   "post": {"a": L}},
    "password_change":            {"anon": L, "a": 200, "b": 200, "x": 200, "y": 200, "st": 200, "m": 200, "c": 200},
    "password_change_done":       {"anon": L, "a": 200, "b": 200, "x": 200, "y": 200, "st": 200, "m": 200, "c": 200},
    "set_language":               {"anon": R, "a": R, "b": R, "x": R, "y": R, "st": R, "m": R, "c": R,
                                   "post": {"anon": R, "a": R}},
    "notification_list":          {"anon": L, "a": 200, "b": 200, "x": 200, "y": 200, "st": 200, "m": 200, "c": 200},
    "notification_detail":        {"pk": "notification_a",
                                   "anon": L, "a": 200, "b": 404, "x": 404, "y": 404, "st": 404, "m": 404, "c": 404},
    "notification_mark_all_read": {"anon": L, "a": 405, "b": 405, "x": 405, "y": 405, "st": 405, "m": 405, "c": 405,
                                   "post": {"a": R}},
    "chase_board":                {"anon": L, "a": 403, "b": 403, "x": 200, "y": 200, "st": 200, "m": 200, "c": 200},
    "chase_board_export":         {"anon": L, "a": 403, "b": 403, "x": 200, "y": 200, "st": 200, "m": 200, "c": 200},
    "upload_too_large":           {"anon": 413, "a": 413, "b": 413, "x": 413, "y": 413, "st": 413, "m": 413, "c": 413},
    "dashboard":                  {"anon": L, "a": 200, "b": 200, "x": 200, "y": 200, "st": 200, "m": 200, "c": 200},
}

DEPUTIES = {
    "deputies:deputy_list":      {"anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 200, "c": 200},
    "deputies:deputy_create":    {"anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 403, "c": 200},
    "deputies:my_record":        {"anon": L, "a": R, "b": R, "x": R, "y": R, "st": R, "m": R, "c": R},
    "deputies:by_election":      {"anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 403, "c": 200},
    "deputies:deputy_detail":    {"pk": "deputy_a",
                                  "anon": L, "a": 200, "b": 404, "x": 404, "y": 404, "st": 200, "m": 200, "c": 200},
    "deputies:deputy_update":    {"pk": "deputy_a",
                                  "anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 403, "c": 200},
    "deputies:mandate_add":      {"pk": "deputy_a",
                                  "anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 403, "c": 200},
    "deputies:mandate_end":      {"pk": "mandate_a",
                                  "anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 403, "c": 200},
    "deputies:district_list":    {"anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 200, "c": 200},
    "deputies:group_list":       {"anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 200, "c": 200},
    "deputies:group_create":     {"anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 403, "c": 200},
    "deputies:group_detail":     {"pk": "group_a",
                                  "anon": L, "a": 200, "b": 404, "x": 404, "y": 404, "st": 200, "m": 200, "c": 200},
    "deputies:group_update":     {"pk": "group_a",
                                  "anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 403, "c": 200},
    "deputies:group_activity_create": {"pk": "group_a",
                                  "anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 403, "c": 200},
    "deputies:platform_list":    {"anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 200, "c": 200},
    "deputies:platform_create":  {"anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 403, "c": 200},
    "deputies:platform_detail":  {"pk": "platform",
                                  "anon": L, "a": 404, "b": 404, "x": 404, "y": 404, "st": 200, "m": 200, "c": 200},
    "deputies:platform_update":  {"pk": "platform",
                                  "anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 403, "c": 200},
    "deputies:reception_list":   {"anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 200, "c": 200},
    "deputies:reception_create": {"anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 403, "c": 200},
    "deputies:reception_detail": {"pk": "reception_a",
                                  "anon": L, "a": 200, "b": 404, "x": 404, "y": 404, "st": 200, "m": 200, "c": 200},
    "deputies:report_list":      {"anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 200, "c": 200},
    "deputies:report_create":    {"anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 403, "c": 200},
    "deputies:not_reported":     {"anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 200, "c": 200},
    "deputies_excel:import":     {"anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 403, "c": 200},
    # Without an upload waiting to be checked, the check page sends the office back to the upload.
    "deputies_excel:check":      {"anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": R, "m": 403, "c": R},
    "deputies_excel:confirm":    {"anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 405, "m": 403, "c": 405,
                                  "post": {"a": 403, "x": 403, "m": 403}},
    "deputies_excel:cancel":     {"anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 405, "m": 403, "c": 405,
                                  "post": {"a": 403, "x": 403, "m": 403, "st": R}},
    "deputies_excel:export":     {"anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 200, "c": 200},
    "deputies_excel:template":   {"anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 403, "c": 200},
}

CONGRESS = {
    "congress:meeting_list":     {"anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 200, "c": 200},
    "congress:meeting_create":   {"anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 403, "c": 200},
    # A session concerns every deputy of its term; a presidium meeting only the presidium.
    "congress:meeting_detail":   {"pk": "session",
                                  "anon": L, "a": 200, "b": 200, "x": 404, "y": 404, "st": 200, "m": 200, "c": 200},
    "congress:meeting_detail#presidium": {"pk": "presidium_meeting",
                                  "anon": L, "a": 404, "b": 404, "x": 404, "y": 404, "st": 200, "m": 200, "c": 200},
    "congress:meeting_update":   {"pk": "session",
                                  "anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 403, "c": 200},
    "congress:meeting_minutes_file": {"pk": "session",
                                  "anon": L, "a": 200, "b": 200, "x": 404, "y": 404, "st": 200, "m": 200, "c": 200},
    "congress:agenda_item_document": {"pk": "agenda_item",
                                  "anon": L, "a": 200, "b": 200, "x": 404, "y": 404, "st": 200, "m": 200, "c": 200},
    "congress:meeting_mark_held": {"pk": "session",
                                  "anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 403, "c": 200},
    "congress:meeting_cancel":   {"pk": "session",
                                  "anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 403, "c": 200},
    "congress:agenda_item_create": {"pk": "session",
                                  "anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 403, "c": 200},
    "congress:agenda_item_update": {"pk": "agenda_item",
                                  "anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 403, "c": 200},
    "congress:agenda_item_remove": {"pk": "agenda_item",
                                  "anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 403, "c": 200},
    "congress:vote_record":      {"pk": "agenda_item",
                                  "anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 403, "c": 200},
    "congress:attendance_sheet": {"pk": "session",
                                  "anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 403, "c": 200},
    "congress:notice_send":      {"pk": "session",
                                  "anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 403, "c": 200},
    "congress:notice_replies":   {"pk": "session",
                                  "anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 200, "c": 200},
    "congress:leave_decide":     {"pk": "notice_reply_a",
                                  "anon": L, "a": 405, "b": 405, "x": 405, "y": 405, "st": 405, "m": 405, "c": 405,
                                  "post": {"a": 403, "b": 403, "x": 403, "m": 403}},
    "congress:absence_list":     {"anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 200, "c": 200},
    "congress:presidium":        {"anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 200, "c": 200},
    "congress:presidium_member_end": {"pk": "membership",
                                  "anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 403, "c": 200},
    "congress:my_meetings":      {"anon": L, "a": 200, "b": 200, "x": 404, "y": 404, "st": 404, "m": 200, "c": 200},
    "congress:notice_reply":     {"pk": "notice_reply_a",
                                  "anon": L, "a": 200, "b": 404, "x": 404, "y": 404, "st": 404, "m": 404, "c": 404},
}

# The deputy's pages need the deputy role (403 for others); another deputy's item answers 404.
# Nobody but its proposer reads a draft, not even the office (404).
MOTIONS = {
    "motions:deputy_list":       {"anon": L, "a": 200, "b": 200, "x": 403, "y": 403, "st": 403, "m": 403, "c": 403},
    "motions:deputy_create":     {"anon": L, "a": 200, "b": 200, "x": 403, "y": 403, "st": 403, "m": 403, "c": 403},
    "motions:deputy_item":       {"pk": "a_item",
                                  "anon": L, "a": 200, "b": 404, "x": 403, "y": 403, "st": 403, "m": 403, "c": 403},
    "motions:deputy_item#draft": {"pk": "a_draft",
                                  "anon": L, "a": 200, "b": 404, "x": 403, "y": 403, "st": 403, "m": 403, "c": 403},
    "motions:deputy_edit":       {"pk": "a_draft",
                                  "anon": L, "a": 200, "b": 404, "x": 403, "y": 403, "st": 403, "m": 403, "c": 403},
    "motions:deputy_submit":     {"pk": "a_draft",
                                  "anon": L, "a": 405, "b": 405, "x": 403, "y": 403, "st": 403, "m": 403, "c": 403,
                                  "post": {"b": 404, "x": 403, "st": 403, "c": 403}},
    "motions:deputy_delete":     {"pk": "a_draft",
                                  "anon": L, "a": 200, "b": 404, "x": 403, "y": 403, "st": 403, "m": 403, "c": 403,
                                  "post": {"b": 404, "st": 403}},
    "motions:deputy_invite":     {"pk": "a_draft",
                                  "anon": L, "a": 200, "b": 404, "x": 403, "y": 403, "st": 403, "m": 403, "c": 403},
    "motions:deputy_rate":       {"pk": "a_item",
                                  "anon": L, "a": 405, "b": 405, "x": 403, "y": 403, "st": 403, "m": 403, "c": 403,
                                  "post": {"b": 404, "x": 403, "st": 403}},
    "motions:deputy_attachment_remove": {"pk": "a_draft_attachment",
                                  "anon": L, "a": 405, "b": 405, "x": 403, "y": 403, "st": 403, "m": 403, "c": 403,
                                  "post": {"b": 404, "x": 403, "st": 403, "a": R}},
    "motions:deputy_cosign_list": {"anon": L, "a": 200, "b": 200, "x": 403, "y": 403, "st": 403, "m": 403, "c": 403},
    "motions:deputy_cosign_respond": {"pk": "invitation_b",
                                  "anon": L, "a": 404, "b": 200, "x": 403, "y": 403, "st": 403, "m": 403, "c": 403},
    # Files of an item: whoever may read the item (its proposer, its units, the readers of everything).
    "motions:deputy_attachment": {"pk": "a_attachment",
                                  "anon": L, "a": 200, "b": 404, "x": 200, "y": 404, "st": 200, "m": 200, "c": 200},
    "motions:deputy_attachment#draft": {"pk": "a_draft_attachment",
                                  "anon": L, "a": 200, "b": 404, "x": 404, "y": 404, "st": 404, "m": 404, "c": 404},
    "motions:deputy_reply_letter": {"pk": "reply_x",
                                  "anon": L, "a": 200, "b": 404, "x": 200, "y": 404, "st": 200, "m": 200, "c": 200},
    "motions:office_queue":      {"anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 200, "c": 200},
    "motions:office_item_list":  {"anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 200, "c": 200},
    "motions:office_item":       {"pk": "a_item",
                                  "anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 200, "c": 200},
    "motions:office_item#draft": {"pk": "a_draft",
                                  "anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 404, "m": 404, "c": 404},
    "motions:office_attachment": {"pk": "a_item", "kw": {"attachment_pk": "a_attachment"},
                                  "anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 200, "c": 200},
    "motions:office_attachment#other_item": {"pk": "a_item", "kw": {"attachment_pk": "b_attachment"},
                                  "anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 404, "m": 404, "c": 404},
    "motions:office_reply_letter": {"pk": "a_item", "kw": {"reply_pk": "reply_x"},
                                  "anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 200, "c": 200},
    "motions:office_reception_matters": {
                                  "anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 403, "c": 200},
    "motions:office_reception_create": {"kw": {"matter_pk": "matter"},
                                  "anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 403, "c": 200},
    "motions:office_letter_create": {"anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 403, "c": 200},
    "motions:office_motion_create": {"anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 403, "c": 200},
    "motions:unit_items":        {"anon": L, "a": 403, "b": 403, "x": 200, "y": 200, "st": 403, "m": 403, "c": 403},
    "motions:unit_follow_up":    {"anon": L, "a": 403, "b": 403, "x": 200, "y": 200, "st": 403, "m": 403, "c": 403},
    # A unit acts on its own assignments only; another unit's answers 404.
    "motions:unit_item":         {"pk": "assignment_x",
                                  "anon": L, "a": 403, "b": 403, "x": 200, "y": 404, "st": 403, "m": 403, "c": 403},
    "motions:unit_acknowledge":  {"pk": "live_x",
                                  "anon": L, "a": 403, "b": 403, "x": R, "y": 404, "st": 403, "m": 403, "c": 403,
                                  "post": {"y": 404, "a": 403, "st": 403, "x": R}},
    "motions:unit_return":       {"pk": "live_x",
                                  "anon": L, "a": 403, "b": 403, "x": R, "y": 404, "st": 403, "m": 403, "c": 403,
                                  "post": {"y": 404, "st": 403}},
    "motions:unit_contact":      {"pk": "live_x",
                                  "anon": L, "a": 403, "b": 403, "x": R, "y": 404, "st": 403, "m": 403, "c": 403,
                                  "post": {"y": 404, "st": 403}},
    "motions:unit_opinion":      {"pk": "live_x",
                                  "anon": L, "a": 403, "b": 403, "x": R, "y": 404, "st": 403, "m": 403, "c": 403,
                                  "post": {"y": 404, "st": 403}},
    "motions:unit_reply":        {"pk": "live_x",
                                  "anon": L, "a": 403, "b": 403, "x": R, "y": 404, "st": 403, "m": 403, "c": 403,
                                  "post": {"y": 404, "st": 403}},
    "motions:unit_attachment":   {"pk": "assignment_x", "kw": {"attachment_pk": "a_attachment"},
                                  "anon": L, "a": 403, "b": 403, "x": 200, "y": 404, "st": 403, "m": 403, "c": 403},
    "motions:unit_attachment#other_item": {"pk": "assignment_x", "kw": {"attachment_pk": "b_attachment"},
                                  "anon": L, "a": 403, "b": 403, "x": 404, "y": 404, "st": 403, "m": 403, "c": 403},
    "motions:unit_reply_letter": {"pk": "reply_x",
                                  "anon": L, "a": 403, "b": 403, "x": 200, "y": 404, "st": 403, "m": 403, "c": 403},
    "motions:unit_promise_report": {"pk": "reply_x",
                                  "anon": L, "a": 403, "b": 403, "x": 200, "y": 404, "st": 403, "m": 403, "c": 403,
                                  "post": {"y": 404, "a": 403}},
    "motions:stats_overview":    {"anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 200, "c": 200},
    "motions:stats_export":      {"anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 200, "c": 200},
    "motions:stats_item_link":   {"pk": "a_item",
                                  "anon": L, "a": R, "b": 404, "x": 404, "y": 404, "st": R, "m": R, "c": R},
    "motions:public_list":       {"anon": 200, "a": 200, "b": 200, "x": 200, "y": 200, "st": 200, "m": 200, "c": 200},
    "motions:public_report":     {"anon": 200, "a": 200, "b": 200, "x": 200, "y": 200, "st": 200, "m": 200, "c": 200},
    "motions:public_detail":     {"pk": "a_item",
                                  "anon": 200, "a": 200, "b": 200, "x": 200, "y": 200, "st": 200, "m": 200, "c": 200},
    "motions:public_detail#unpublished": {"pk": "submitted_a",
                                  "anon": 404, "a": 404, "b": 404, "x": 404, "y": 404, "st": 404, "m": 404, "c": 404},
    "motions:public_detail#draft": {"pk": "a_draft",
                                  "anon": 404, "a": 404, "b": 404, "x": 404, "y": 404, "st": 404, "m": 404, "c": 404},
}

# The office's actions on an item: POST only, the chairman and staff only.
OFFICE_ACTION = {"pk": "submitted_a", "anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 405, "m": 403, "c": 405,
                 "post": {"a": 403, "x": 403, "m": 403}}
for _action in ("accept", "return", "not_accept", "merge_into", "merge_here", "assign", "extend", "key",
                "key_unmark", "publish", "unpublish", "close"):
    MOTIONS[f"motions:office_{_action}"] = dict(OFFICE_ACTION)

SUPERVISION = {
    "supervision:activity_list":   {"anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 200, "c": 200},
    "supervision:activity_create": {"anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 200, "c": 200},
    "supervision:my_activities":   {"anon": L, "a": 200, "b": 200, "x": 403, "y": 403, "st": 403, "m": 403, "c": 403},
    # A took part in activity_a (led by the presidium member); B did not.
    "supervision:activity_detail": {"pk": "activity_a",
                                    "anon": L, "a": 200, "b": 404, "x": 404, "y": 404, "st": 200, "m": 200, "c": 200},
    "supervision:activity_update": {"pk": "activity_a",
                                    "anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 200, "c": 200},
    "supervision:activity_update#not_led": {"pk": "planned",
                                    "anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 403, "c": 200},
    "supervision:activity_hold":   {"pk": "planned",
                                    "anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 403, "c": 200},
    "supervision:activity_cancel": {"pk": "planned",
                                    "anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 403, "c": 200},
    "supervision:activity_opinion_file": {"pk": "activity_a",
                                    "anon": L, "a": 200, "b": 404, "x": 404, "y": 404, "st": 200, "m": 200, "c": 200},
    "supervision:activity_files_add": {"pk": "activity_a",
                                    "anon": L, "a": 405, "b": 405, "x": 405, "y": 405, "st": 405, "m": 405, "c": 405,
                                    "post": {"a": 403, "b": 403, "x": 403}},
    "supervision:activity_file":   {"pk": "activity_file",
                                    "anon": L, "a": 200, "b": 404, "x": 404, "y": 404, "st": 200, "m": 200, "c": 200},
    "supervision:activity_file_update": {"pk": "activity_file",
                                    "anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 200, "c": 200},
    "supervision:activity_file_delete": {"pk": "activity_file",
                                    "anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 200, "c": 200,
                                    "post": {"a": 403, "x": 403}},
    "supervision:vote_create":     {"pk": "vote.activity",
                                    "anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 403, "c": 200},
    "supervision:vote_update":     {"pk": "vote",
                                    "anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 403, "c": 200},
    "supervision:vote_delete":     {"pk": "vote",
                                    "anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 403, "c": 200,
                                    "post": {"a": 403, "m": 403}},
    "supervision:item_list":       {"anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 200, "c": 200},
    "supervision:item_create":     {"pk": "activity_a",
                                    "anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 403, "c": 200},
    # A unit sees only its own items (its officer is sent to the unit's page of the item).
    "supervision:item_detail":     {"pk": "item_x",
                                    "anon": L, "a": 200, "b": 404, "x": R, "y": 404, "st": 200, "m": 200, "c": 200},
    "supervision:item_detail#y":   {"pk": "item_y",
                                    "anon": L, "a": 404, "b": 200, "x": 404, "y": R, "st": 200, "m": 200, "c": 200},
    "supervision:item_update":     {"pk": "item_pending",
                                    "anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 403, "c": 200},
    "supervision:item_verify":     {"pk": "item_x",
                                    "anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": R, "m": 403, "c": R,
                                    "post": {"x": 403, "m": 403}},
    "supervision:item_reject":     {"pk": "item_x",
                                    "anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": R, "m": 403, "c": R,
                                    "post": {"x": 403, "m": 403}},
    "supervision:item_extend":     {"pk": "item_x",
                                    "anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": R, "m": 403, "c": R,
                                    "post": {"x": 403, "m": 403}},
    "supervision:item_withdraw":   {"pk": "item_x",
                                    "anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": R, "m": 403, "c": R,
                                    "post": {"x": 403, "m": 403}},
    "supervision:unit_items":      {"anon": L, "a": 403, "b": 403, "x": 200, "y": 200, "st": 403, "m": 403, "c": 403},
    "supervision:unit_item":       {"pk": "item_x",
                                    "anon": L, "a": 403, "b": 403, "x": 200, "y": 404, "st": 403, "m": 403, "c": 403},
    "supervision:unit_item_start": {"pk": "item_x",
                                    "anon": L, "a": 403, "b": 403, "x": R, "y": 404, "st": 403, "m": 403, "c": 403,
                                    "post": {"y": 404, "st": 403}},
    "supervision:unit_item_report": {"pk": "item_x",
                                    "anon": L, "a": 403, "b": 403, "x": R, "y": 404, "st": 403, "m": 403, "c": 403,
                                    "post": {"y": 404, "st": 403}},
    "supervision:unit_item_done":  {"pk": "item_x",
                                    "anon": L, "a": 403, "b": 403, "x": R, "y": 404, "st": 403, "m": 403, "c": 403,
                                    "post": {"y": 404, "st": 403}},
    "supervision:rectification_file": {"pk": "rect_file_x",
                                    "anon": L, "a": 200, "b": 404, "x": 200, "y": 404, "st": 200, "m": 200, "c": 200},
    "supervision:rectification_file#y": {"pk": "rect_file_y",
                                    "anon": L, "a": 404, "b": 200, "x": 404, "y": 200, "st": 200, "m": 200, "c": 200},
    "supervision:overview":        {"anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 200, "c": 200},
    "supervision:training_list":   {"anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 200, "c": 200},
    "supervision:training_create": {"anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 403, "c": 200},
    "supervision:training_detail": {"pk": "training_a",
                                    "anon": L, "a": 200, "b": 404, "x": 404, "y": 404, "st": 200, "m": 200, "c": 200},
    "supervision:training_update": {"pk": "training_a",
                                    "anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 403, "c": 200},
    "supervision:training_hold":   {"pk": "training_a",
                                    "anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 403, "c": 200,
                                    "post": {"a": 403, "m": 403}},
    "supervision:training_cancel": {"pk": "training_a",
                                    "anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 403, "c": 200},
    "supervision:training_materials_add": {"pk": "training_a",
                                    "anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 405, "m": 403, "c": 405,
                                    "post": {"a": 403, "m": 403}},
    "supervision:training_material": {"pk": "material",
                                    "anon": L, "a": 200, "b": 404, "x": 404, "y": 404, "st": 200, "m": 200, "c": 200},
    "supervision:training_material_remove": {"pk": "material",
                                    "anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 405, "m": 403, "c": 405,
                                    "post": {"a": 403, "m": 403, "st": R}},
    "supervision:research_list":   {"anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 200, "c": 200},
    "supervision:research_create": {"anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 200, "c": 200},
    # The presidium member wrote it: they edit it, as the office does.
    "supervision:research_detail": {"pk": "research",
                                    "anon": L, "a": 404, "b": 404, "x": 404, "y": 404, "st": 200, "m": 200, "c": 200},
    "supervision:research_update": {"pk": "research",
                                    "anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 200, "c": 200},
    "supervision:research_file":   {"pk": "research",
                                    "anon": L, "a": 404, "b": 404, "x": 404, "y": 404, "st": 200, "m": 200, "c": 200},
}

REPORTS = {
    "reports:performance_table":  {"anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 200, "c": 200},
    "reports:performance_export": {"anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 200, "c": 200},
    "reports:performance_record": {"kw": {"deputy_id": "deputy_a"},
                                   "anon": L, "a": 200, "b": 404, "x": 403, "y": 403, "st": 200, "m": 200, "c": 200},
    "reports:my_performance":     {"anon": L, "a": 200, "b": 200, "x": 403, "y": 403, "st": 403, "m": 403, "c": 403},
    "reports:weights_edit":       {"anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 403, "c": 200},
    "reports:award_list":         {"anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 200, "c": 200},
    "reports:award_create":       {"anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 403, "c": 200},
    "reports:award_delete":       {"pk": "award",
                                   "anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 403, "c": 200,
                                   "post": {"a": 403, "m": 403}},
    "annual:list":                {"anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 200, "c": 200},
    "annual:create":              {"anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 405, "m": 403, "c": 405,
                                   "post": {"a": 403, "m": 403}},
    "annual:detail":              {"pk": "annual",
                                   "anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 200, "c": 200},
    "annual:section_update":      {"pk": "annual", "kw": {"key": "section.key"},
                                   "anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 405, "m": 403, "c": 405,
                                   "post": {"a": 403, "m": 403, "x": 403}},
    "annual:finalise":            {"pk": "annual",
                                   "anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 403, "m": 403, "c": 200,
                                   "post": {"st": 403, "m": 403}},
    "annual:new_version":         {"pk": "annual",
                                   "anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 405, "m": 403, "c": 405,
                                   "post": {"m": 403, "a": 403}},
    "annual:recount":             {"pk": "annual",
                                   "anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 405, "m": 403, "c": 405,
                                   "post": {"m": 403, "a": 403}},
    "annual:plan":                {"kw": {"year": V(2027)},
                                   "anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 200, "c": 200},
    "annual:plan_create":         {"kw": {"year": V(2027)},
                                   "anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 403, "c": 200},
    "annual:plan_update":         {"pk": "plan_item",
                                   "anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 403, "c": 200},
    "annual:plan_delete":         {"pk": "plan_item",
                                   "anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 403, "c": 200,
                                   "post": {"a": 403, "m": 403}},
    # Export jobs: the requester and the office see a job; its file only whoever may have it now.
    "exports:job_list":           {"anon": L, "a": 200, "b": 200, "x": 200, "y": 200, "st": 200, "m": 200, "c": 200},
    "exports:job":                {"pk": "job_a",
                                   "anon": L, "a": 200, "b": 404, "x": 404, "y": 404, "st": 200, "m": 404, "c": 200},
    "exports:job_status":         {"pk": "job_a",
                                   "anon": L, "a": 200, "b": 404, "x": 404, "y": 404, "st": 200, "m": 404, "c": 200},
    "exports:job_file":           {"pk": "job_a",
                                   "anon": L, "a": 200, "b": 404, "x": 404, "y": 404, "st": 200, "m": 404, "c": 200},
    "exports:job_file#unit":      {"pk": "job_x",
                                   "anon": L, "a": 404, "b": 404, "x": 200, "y": 404, "st": 200, "m": 404, "c": 200},
    "exports:start":              {"kw": {"kind": V("compilation")}, "query": {"session": "session"},
                                   "anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 200, "c": 200,
                                   "post": {"a": 403, "x": 403}},
    "exports:start#letter":       {"kw": {"kind": V("letter")}, "query": {"unit": "unit_x"},
                                   "anon": L, "a": 403, "b": 403, "x": 200, "y": 403, "st": 200, "m": 200, "c": 200},
    "exports:start#performance":  {"kw": {"kind": V("performance")}, "query": {"deputy": "deputy_a"},
                                   "anon": L, "a": 200, "b": 403, "x": 403, "y": 403, "st": 200, "m": 200, "c": 200},
    "exports:start#annual":       {"kw": {"kind": V("annual_report")}, "query": {"report": "annual"},
                                   "anon": L, "a": 403, "b": 403, "x": 403, "y": 403, "st": 200, "m": 200, "c": 200},
    "exports:start#unknown":      {"kw": {"kind": V("nothing")},
                                   "anon": L, "a": 404, "b": 404, "x": 404, "y": 404, "st": 404, "m": 404, "c": 404},
}

PORTAL = {**CORE, **DEPUTIES, **CONGRESS, **MOTIONS, **SUPERVISION, **REPORTS}


# --- the admin site -------------------------------------------------------------------------------
# Only accounts with is_staff reach the admin (Django's AdminSite.has_permission): in the portal,
# the office staff and the chairman (core.demo.ACCOUNTS; the chairman does all staff may, SPEC §1).
# A presidium member, a deputy or a unit officer is sent to the admin's sign-in page, and so are
# anonymous users from the site's own pages; from a model's pages LoginRequiredMiddleware sends
# them to the portal's sign-in first. Staff and chairman hold every permission of the portal's own apps and only the view
# permission of Celery beat's schedule (core.signals.grant_role_permissions), none on auth groups.
NOT_STAFF = {"anon": AL, "a": AL, "b": AL, "x": AL, "y": AL, "m": AL}

ADMIN_SITE = {
    "admin:index":                {**NOT_STAFF, "st": 200, "c": 200},
    "admin:login":                {"anon": 200, "a": 200, "b": 200, "x": 200, "y": 200, "st": R, "m": 200, "c": R},
    "admin:logout":               {"anon": AL, "a": R, "b": R, "x": R, "y": R, "st": 405, "m": R, "c": 405},
    "admin:password_change":      {**NOT_STAFF, "st": 200, "c": 200},
    "admin:password_change_done": {**NOT_STAFF, "st": 200, "c": 200},
    "admin:auth_user_password_change": {**NOT_STAFF, "anon": L, "st": 200, "c": 200, "kw": {"id": "users.a"}},
    "admin:autocomplete":         {**NOT_STAFF, "st": 403, "c": 403},  # without its parameters
    "admin:jsi18n":               {**NOT_STAFF, "st": 200, "c": 200},
    "admin:view_on_site":         {**NOT_STAFF, "st": 404, "c": 404,  # no portal model has a public URL
                                   "kw": {"content_type_id": "suggestion_type", "object_id": "a_item"}},
    "admin:app_list":             {**NOT_STAFF, "st": 200, "c": 200, "kw": {"app_label": V("motions")}},
    "admin/(?P<url>.*)$":         {**NOT_STAFF, "st": 404, "c": 404, "path": "/admin/nothing-here/"},
}

# Every model's pages (changelist, add, change, delete, history, and the version pages of
# django-simple-history) give staff and the chairman 200, and "<app>/<model>/<id>/" sends them to the
# change page, but where ADMIN_OFFICE_EXCEPTIONS says otherwise. The object pages open the model's
# first row. A page of another kind is not generated: it fails the completeness test until it is
# given an entry here.
ADMIN_MODEL_PAGES = {"changelist": 200, "add": 200, "change": 200, "delete": 200, "history": 200,
                     "simple_history": 200, "redirect": R}
ADMIN_OFFICE_EXCEPTIONS = {
    # Groups are the roles (core.roles): only a superuser changes them.
    **{f"admin:auth_group_{page}": 403 for page in ("changelist", "add", "change", "delete", "history")},
    # Celery beat's schedule: the office reads it only.
    **{f"admin:django_celery_beat_{model}_{page}": 403 for page in ("add", "delete")
       for model in ("periodictask", "clockedschedule", "crontabschedule", "solarschedule", "intervalschedule")},
    # The sign-in lockout: the office reads the attempts and unlocks by deleting one; logs stay.
    "admin:axes_accessattempt_add": 403,
    "admin:axes_accesslog_add": 403, "admin:axes_accesslog_delete": 403,
    "admin:axes_accessfailurelog_add": 403, "admin:axes_accessfailurelog_delete": 403,
    # Rows only the portal writes (jobs, reminders, absence flags, timelines) and the single rows
    # that exist already (the township, the handling rules) are never added in the admin.
    "admin:core_exportjob_add": 403, "admin:core_reminder_add": 403, "admin:congress_absenceflag_add": 403,
    "admin:motions_event_add": 403, "admin:core_township_add": 403, "admin:motions_handlingrules_add": 403,
}


def admin_entries():
    models = {f"{model._meta.app_label}_{model._meta.model_name}": model for model in admin.site._registry}
    entries = {}
    for key, route in url_patterns():
        if key.startswith("admin/") and key.endswith("/<path:object_id>/"):
            app_label, model_name = key.split("/")[1:3]
            model, page = models.get(f"{app_label}_{model_name}"), "redirect"
        elif key.startswith("admin:"):
            model_key, page = next(((m, key.removeprefix(f"admin:{m}_")) for m in models
                                    if key.startswith(f"admin:{m}_") and key.removeprefix(f"admin:{m}_")
                                    in ADMIN_MODEL_PAGES), (None, None))
            model = models.get(model_key)
        else:
            continue
        if model is None or page is None:
            continue
        office = ADMIN_OFFICE_EXCEPTIONS.get(key, ADMIN_MODEL_PAGES[page])
        entry = {**NOT_STAFF, "anon": L, "st": office, "c": office}
        if page == "simple_history":
            entry["args"] = [f"first:{model._meta.label}", f"history:{model._meta.label}"]
        elif page in ("change", "delete", "history", "redirect"):
            entry["kw"] = {"object_id": f"first:{model._meta.label}"}
        entries[key] = entry
    return {**ADMIN_SITE, **entries}



# --- walking the URLconf ------------------------------------------------------------------------------

def url_patterns(resolver=None, prefix="", namespace=""):
    """(key, route) of every pattern: "namespace:name", or the route of a pattern without a name."""
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from url_patterns(entry, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            route = prefix + str(entry.pattern)
            yield (f"{namespace}{entry.name}" if entry.name else route), route


def base(key):
    return key.split("#")[0]


TABLE = {**PORTAL, **admin_entries()}


def test_every_url_pattern_is_in_the_table():
    patterns = dict(url_patterns())
    missing = sorted(key for key in patterns if not any(base(k) == key for k in TABLE))
    assert not missing, f"URL patterns missing from the access matrix: {', '.join(missing)}"
    stale = sorted(key for key in TABLE if base(key) not in patterns)
    assert not stale, f"entries of the access matrix for URLs that no longer exist: {', '.join(stale)}"
    incomplete = sorted(key for key, entry in TABLE.items() if set(ROLES) - set(entry))
    assert not incomplete, f"entries without every role: {', '.join(incomplete)}"


CASES = [(key, role, "GET") for key, entry in TABLE.items() for role in ROLES]
CASES += [(key, role, "POST") for key, entry in TABLE.items() for role in entry.get("post", {})]


# --- the world, built once for the module ------------------------------------------------------------

@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """Built once inside a transaction that is rolled back when the module ends; each test runs in a
    savepoint of it (pytest-django's `db`), so what one request changes the next never sees."""
    from django.db import transaction
    from django.test import override_settings

    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("access-media")), django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            from django.contrib.contenttypes.models import ContentType

            from motions.models import Suggestion

            built = build_world()
            built.suggestion_type = ContentType.objects.get_for_model(Suggestion)
            # One session per role for the whole module (signing in for each case costs more than
            # the request); a case that signs out deletes it only inside its own savepoint.
            built.sessions = {}
            for role, user in built.users.items():
                client = Client()
                client.force_login(user)
                built.sessions[role] = client.cookies[settings.SESSION_COOKIE_NAME].value
            yield built
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def resolve(world, value):
    if isinstance(value, V):
        return value.value
    if value.startswith(("first:", "history:")):
        prefix, label = value.split(":")
        model = apps.get_model(label)
        obj = model._default_manager.order_by("pk").first()
        assert obj is not None, f"the world has no {model._meta.label} for the admin's pages"
        if model is not None and hasattr(model, "history"):  # the object of the first version
            version = model.history.order_by("history_id").first()
            assert version is not None, f"the world has no history of {model._meta.label}"
            return version.history_id if prefix == "history" else version.instance.pk
        return obj.pk
    return getattr(lookup(world, value), "pk", lookup(world, value))


def lookup(world, dotted):
    obj = world
    for part in dotted.split("."):
        obj = obj[part] if isinstance(obj, dict) else getattr(obj, part)
    return obj


def path_of(key, entry, world):
    if "path" in entry:
        return entry["path"]
    kwargs = {name: resolve(world, value) for name, value in entry.get("kw", {}).items()}
    if "pk" in entry:
        kwargs["pk"] = resolve(world, entry["pk"])
    name = base(key)
    if "/" not in name:  # names never hold a slash, routes do
        if "args" in entry:
            return reverse(name, args=[resolve(world, value) for value in entry["args"]])
        return reverse(name, kwargs=kwargs)
    route = name  # an unnamed pattern: fill its <converter:name> parts
    for arg, value in kwargs.items():
        route = route.replace(f"<path:{arg}>", str(value)).replace(f"<int:{arg}>", str(value))
    return "/" + route


APP_OF_NAMESPACE = {"deputies_excel": "deputies", "exports": "core", "annual": "reports", "admin": "core"}


def fingerprint(key, entry, world):
    """The URL's own objects as stored, and the number of rows of each model of its app."""
    namespace = base(key).split(":")[0] if ":" in base(key) else "core"
    app_label = APP_OF_NAMESPACE.get(namespace, namespace if namespace in {"deputies", "congress", "motions",
                                                                             "supervision", "reports"} else "core")
    counts = {model._meta.label: model._default_manager.count() for model in apps.get_app_config(app_label).get_models()}
    rows = {}
    for value in [entry.get("pk"), *entry.get("kw", {}).values()]:
        if isinstance(value, str) and not value.startswith(("first:", "history:")):
            obj = lookup(world, value)
            if hasattr(obj, "_meta"):
                rows[value] = type(obj)._default_manager.filter(pk=obj.pk).values().first()
    return counts, rows


def matches(response, expected):
    if expected in (L, AL, R):
        if response.status_code != 302:
            return False
        target = response.url.split("?")[0]
        logins = {"L": resolve_url(settings.LOGIN_URL), "AL": reverse("admin:login")}
        if expected == R:
            return target not in logins.values()
        return target == logins[expected]
    return response.status_code == expected


@pytest.mark.django_db
@pytest.mark.parametrize(("key", "role", "method"), CASES, ids=[f"{k}-{r}-{m}" for k, r, m in CASES])
def test_access(world, key, role, method):
    entry = TABLE[key]
    expected = entry[role] if method == "GET" else entry["post"][role]
    client = Client()
    if role != "anon":
        client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[role]
    path = path_of(key, entry, world)
    query = {name: resolve(world, value) for name, value in entry.get("query", {}).items()}
    refused = expected in (403, 404, 405, L, AL)
    before = fingerprint(key, entry, world) if method == "POST" and refused else None
    if method == "GET":
        response = client.get(path, query)
    else:
        response = client.post(path, query)
    got = response.status_code, response.get("Location", "")
    if response.streaming:  # read a file to its end: the test client closes it then
        b"".join(response.streaming_content)
    assert matches(response, expected), f"{method} {path} as {role}: expected {expected}, got {got}"
    if before is not None:
        assert fingerprint(key, entry, world) == before, f"a refused POST to {path} as {role} changed data"


@pytest.mark.django_db
def test_a_signed_out_visitor_switches_the_language(world):
    """The switch on the sign-in page and the public pages works before signing in (SPEC §1)."""
    response = Client().post(reverse("set_language"), {"language": "en", "next": reverse("motions:public_list")})
    assert response.status_code == 302 and response.url == reverse("motions:public_list")
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
