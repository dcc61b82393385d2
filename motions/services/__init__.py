"""Every write to suggestions and motions, in modules by who acts:

- base.py      the one transition() every move goes through, and event recording
- deputy.py    drafts, submission, co-signing, rating
- review.py    the office: accept (numbering), return, merge, not accept, assign, key items, publishing
- handling.py  the units: acknowledge, return a misassigned item, contacts, co-unit opinions, replies
"""
