"""Chinese numerals for terms and sessions: 11 → 十一 (第十一届), 2 → 二 (第二次会议)."""
from django.utils.translation import get_language
from django.utils.translation import gettext as _

DIGITS = "零一二三四五六七八九"


def chinese_number(n):
    """Write 0 ≤ n < 100 in Chinese numerals as used in term and session names."""
    if not 0 <= n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    if tens == 0:
        return DIGITS[ones]
    return ("" if tens == 1 else DIGITS[tens]) + "十" + (DIGITS[ones] if ones else "")


def _chinese():
    return (get_language() or "zh-hans").startswith("zh")


def term_label(number):
    """第十一届 in Chinese, "Term 11" in English."""
    return f"第{chinese_number(number)}届" if _chinese() else _("Term %(number)d") % {"number": number}


def session_label(number):
    """第二次会议 in Chinese, "Session 2" in English."""
    return f"第{chinese_number(number)}次会议" if _chinese() else _("Session %(number)d") % {"number": number}
