"""Every write to suggestions and motions, in modules by who acts:

- base.py      the one transition() every move goes through, and event recording
- deputy.py    drafts, submission, co-signing, rating
- review.py    the office: accept (numbering), return, merge, not accept, assign, key items, publishing
- intake.py    the office enters items of other sources: reception matters, letters and visits,
               motions tabled by the presidium or the government
- handling.py  the units: acknowledge, return a misassigned item, contacts, co-unit opinions, replies
"""
