"""Demo supervision of 青山镇 in 2026: a special work report with its satisfaction vote, an
inspection of drinking water with its follow-up (回头看), a law-enforcement inspection of food
safety, a survey of the tea industry with a research report, an inquiry, a work evaluation of two
offices (one found unsatisfied), a planned inspection of winter fire prevention, three trainings
and study visits held and one planned.

Their rectification items are in every state: verified, reported done and awaiting verification,
in progress (one extended, one overdue, one for 财政所 whose demo officer is czs) and one not yet
taken up. Each item's timeline is written as the workflow would have written it.
Runs after congress/demo.py (the presidium); safe to run again (rows are matched, never doubled).
"""
import datetime

from django.utils import timezone

from core.models import HandlingUnit, User
from deputies.models import Deputy
from deputies.selectors import deputies_in_office

from . import rules
from .models import (
    Activity,
    RectificationEvent,
    RectificationItem,
    RectificationReport,
    ResearchReport,
    SatisfactionVote,
    Training,
)
from .workflow import Action

K = Activity.Kind
R = RectificationItem.Status
D = datetime.date

VILLAGE = "村民委员会"
INSPECTION_PEOPLE = ["张德福", "赵红梅", "刘国强", "陈桂芳", "黄秋菊", "周志明", "孙丽娟", "马永福"]

# kind, topic, start, end, place, status, leader, participants, units, summary, findings, opinion
ACTIVITIES = [
    (K.REPORT, "听取和审议镇人民政府关于农村人居环境整治工作情况的专项工作报告", D(2026, 3, 18), D(2026, 3, 18),
     "青山镇人大主席团会议室", Activity.Status.HELD, "李秀英",
     ["王建国", "赵红梅", "徐建华", "杨卫东", "吴春燕", "彭建军", "郭立新"], ["农业农村综合服务中心"],
     "主席团成员和部分代表听取了分管副镇长所作的专项工作报告，并进行了审议和满意度测评。",
     "垃圾收集点清运不及时，部分村保洁员报酬偏低，长效管护机制尚未建立。",
     "一、建立垃圾清运台账，做到日产日清；二、统筹保洁经费，合理提高保洁员报酬；三、年底前出台村庄保洁长效管护办法。"),
    (K.INSPECTION, "视察全镇农村饮水安全工程建设", D(2026, 4, 22), D(2026, 4, 22), "青山村、白沙村、枫林村",
     Activity.Status.HELD, "王建国", INSPECTION_PEOPLE, ["农业农村综合服务中心", "财政所", "白沙村" + VILLAGE],
     "视察组实地察看了三个村的集中供水工程，听取了镇政府的情况汇报，并与村民代表座谈。",
     "白沙村三组供水管网老化漏损；部分集中供水点水质检测记录不全；青山村饮水工程资金使用台账不规范。",
     "请镇人民政府督促相关单位限期整改，并于三个月内将整改情况书面报告主席团。"),
    (K.LAW_ENFORCEMENT, "《中华人民共和国食品安全法》贯彻实施情况执法检查", D(2026, 6, 16), D(2026, 6, 17),
     "集镇、镇中心学校、镇卫生院", Activity.Status.HELD, "杨卫东",
     ["杨卫东", "孙丽娟", "宋美玲", "萧雅琴", "董志刚", "张德福"], ["综合行政执法大队", "镇中心学校", "镇卫生院"],
     "检查组检查了学校食堂、集镇餐馆和农贸市场，查阅了执法台账。",
     "镇中心学校食堂2名从业人员健康证过期；集镇部分小餐馆无证经营。",
     "请综合行政执法大队开展集镇餐饮专项整治，镇中心学校立即规范从业人员健康管理。"),
    (K.INQUIRY, "就防汛抗旱工作向镇应急管理办公室询问", D(2026, 7, 8), D(2026, 7, 8), "青山镇人大主席团会议室",
     Activity.Status.HELD, "徐建华", ["徐建华", "冯建平", "袁绍华", "罗德胜"], ["应急管理办公室"],
     "主席团成员就山塘水库安全度汛、预警信息发布等问题询问，应急管理办公室负责人当场作了回答。", "", ""),
    (K.SURVEY, "关于全镇茶叶产业发展情况的专题调研", D(2026, 9, 10), D(2026, 9, 11), "龙泉村、桃花村、青山茶叶有限公司",
     Activity.Status.HELD, "赵红梅", ["赵红梅", "郑国华", "何晓燕", "周志明", "曹小红"],
     ["农业农村综合服务中心", "党政综合办公室"],
     "调研组走访了茶叶企业、合作社和种植户，召开座谈会听取意见。",
     "茶园道路硬化项目进度滞后；茶叶品牌宣传推介不足。",
     "建议镇人民政府加快茶园基础设施建设，整合资源打造“青山云雾”区域公用品牌。"),
    (K.EVALUATION, "对镇财政所、社会事务综合服务中心开展工作评议", D(2026, 10, 20), D(2026, 10, 20),
     "青山镇人民政府四楼大会议室", Activity.Status.HELD, "李秀英",
     ["王建国", "李秀英", "赵红梅", "徐建华", "杨卫东", "张德福", "刘国强", "郭立新"],
     ["财政所", "社会事务综合服务中心"],
     "听取两个单位的履职情况报告，组织代表进行满意度测评。",
     "社会事务综合服务中心低保动态管理不及时，群众反映较多。",
     "社会事务综合服务中心测评结果为不满意，请于年底前完成低保对象动态复核并书面报告。"),
    (K.FOLLOW_UP, "农村饮水安全工程视察整改情况回头看", D(2026, 11, 12), D(2026, 11, 12), "白沙村、青山村",
     Activity.Status.HELD, "王建国", ["王建国", "张德福", "马永福", "陈桂芳"], ["农业农村综合服务中心", "财政所"],
     "对4月视察发现问题的整改情况进行回头看，白沙村管网已更换，水质检测记录已规范。",
     "青山村饮水工程资金台账仍在规范中。", ""),
    (K.INSPECTION, "视察全镇冬季森林防火工作", D(2026, 12, 10), D(2026, 12, 10), "枫林村、石桥村林区",
     Activity.Status.PLANNED, "徐建华", ["徐建华", "张德福", "刘国强", "郭立新", "田茂林"],
     ["应急管理办公室", "自然资源所"], "", "", ""),
]
FOLLOWS = {"农村饮水安全工程视察整改情况回头看": "视察全镇农村饮水安全工程建设"}
PLAN_NOTES = {"视察全镇冬季森林防火工作": "2026年镇人大工作要点：第四季度组织代表视察冬季森林防火工作。"}

# activity topic, unit, problem, requirement, assigned on, deadline, the story of the item:
# [(action, day, comment)], the original deadline when extended
ITEMS = [
    ("视察全镇农村饮水安全工程建设", "白沙村" + VILLAGE, "白沙村三组供水管网老化，漏损严重，部分农户用水不稳定。",
     "更换老化管网，确保汛期前正常供水。", D(2026, 4, 24), D(2026, 7, 31),
     [(Action.START, D(2026, 4, 27), ""), (Action.REPORT, D(2026, 6, 5), "已完成管材采购，施工队进场。"),
      (Action.CLAIM_DONE, D(2026, 7, 20), "三组1.2公里管网已全部更换，经试压合格，农户用水恢复正常。"),
      (Action.VERIFY, D(2026, 8, 5), "经实地查看，管网更换到位，验收通过。")], None),
    ("视察全镇农村饮水安全工程建设", "农业农村综合服务中心", "部分村集中供水点水质检测记录不全。",
     "建立水质检测台账，每季度检测一次。", D(2026, 4, 24), D(2026, 6, 30),
     [(Action.START, D(2026, 4, 25), ""),
      (Action.CLAIM_DONE, D(2026, 6, 20), "已委托县疾控中心完成全部8个供水点的水质检测，台账已建立。"),
      (Action.VERIFY, D(2026, 7, 2), "台账完整，验收通过。")], None),
    ("视察全镇农村饮水安全工程建设", "财政所", "青山村饮水工程资金使用台账不规范，部分支出凭证缺失。",
     "规范资金台账，补齐支出凭证。", D(2026, 4, 24), D(2026, 12, 15),
     [(Action.START, D(2026, 4, 28), ""), (Action.REPORT, D(2026, 7, 10), "已对2025年以来的支出逐笔清理。"),
      (Action.EXTEND, D(2026, 9, 25), "部分凭证需施工单位补开发票，申请延期至12月15日。"),
      (Action.REPORT, D(2026, 11, 5), "已补齐凭证12份，尚缺3份。")], D(2026, 9, 30)),
    ("《中华人民共和国食品安全法》贯彻实施情况执法检查", "镇中心学校", "学校食堂2名从业人员健康证过期。",
     "立即安排体检，过期人员暂停上岗。", D(2026, 6, 18), D(2026, 8, 31),
     [(Action.START, D(2026, 6, 18), ""),
      (Action.CLAIM_DONE, D(2026, 7, 3), "2名人员已体检并取得健康证，建立了健康证到期提醒台账。"),
      (Action.VERIFY, D(2026, 7, 15), "验收通过。")], None),
    ("《中华人民共和国食品安全法》贯彻实施情况执法检查", "综合行政执法大队", "集镇部分小餐馆无证经营。",
     "开展集镇餐饮专项整治，督促办证或依法关停。", D(2026, 6, 18), D(2026, 10, 31),
     [(Action.START, D(2026, 6, 24), ""), (Action.REPORT, D(2026, 8, 20), "已摸排无证餐馆9家，其中5家已办证。")], None),
    ("关于全镇茶叶产业发展情况的专题调研", "农业农村综合服务中心", "茶园道路硬化项目进度滞后。",
     "11月底前完成龙泉村、桃花村茶园道路硬化。", D(2026, 9, 18), D(2026, 11, 30),
     [(Action.START, D(2026, 9, 21), ""),
      (Action.CLAIM_DONE, D(2026, 11, 18), "两村茶园道路4.6公里已全部硬化完成。")], None),
    ("关于全镇茶叶产业发展情况的专题调研", "党政综合办公室", "茶叶品牌宣传推介不足。",
     "制定区域公用品牌宣传方案。", D(2026, 11, 16), D(2026, 11, 30), [], None),
    ("对镇财政所、社会事务综合服务中心开展工作评议", "社会事务综合服务中心", "低保动态管理不及时，部分对象未按时复核。",
     "年底前完成全部低保对象动态复核，并书面报告主席团。", D(2026, 10, 23), D(2026, 12, 31),
     [(Action.START, D(2026, 10, 26), ""), (Action.REPORT, D(2026, 11, 16), "已完成5个村的入户复核。")], None),
]

# activity topic, unit, subject, ballots, satisfied, basically satisfied, unsatisfied
VOTES = [
    ("听取和审议镇人民政府关于农村人居环境整治工作情况的专项工作报告", None, "镇人民政府关于农村人居环境整治工作情况的报告",
     33, 25, 6, 2),
    ("对镇财政所、社会事务综合服务中心开展工作评议", "财政所", "财政所", 35, 28, 5, 2),
    ("对镇财政所、社会事务综合服务中心开展工作评议", "社会事务综合服务中心", "社会事务综合服务中心", 35, 12, 5, 15),
]

PRESIDIUM = ["王建国", "李秀英", "赵红梅", "徐建华", "杨卫东"]
# kind, topic, start, end, place, organiser, status, attendees (None: every deputy), summary
TRAININGS = [
    (Training.Kind.TRAINING, "学习贯彻新修改的《地方各级人民代表大会和地方各级人民政府组织法》专题培训",
     D(2026, 3, 5), D(2026, 3, 5), "镇党校", "青山镇人大主席团", Training.Status.HELD, None,
     "邀请县人大常委会法工委负责人授课，全体代表参加。"),
    (Training.Kind.STUDY_VISIT, "赴浏阳市沙市镇考察学习代表之家建设经验", D(2026, 5, 28), D(2026, 5, 29),
     "浏阳市沙市镇", "青山镇人大主席团", Training.Status.HELD, PRESIDIUM + ["张德福", "吴春燕", "郭立新", "罗德胜"],
     "学习了代表之家规范化建设和代表履职积分管理的做法。"),
    (Training.Kind.TRAINING, "乡镇人大主席团成员履职能力培训", D(2026, 9, 24), D(2026, 9, 25), "清水县委党校",
     "清水县人大常委会", Training.Status.HELD, PRESIDIUM, "参加县人大常委会举办的培训班。"),
    (Training.Kind.TRAINING, "代表建议撰写专题培训", D(2026, 12, 8), D(2026, 12, 8), "镇党校", "青山镇人大主席团",
     Training.Status.PLANNED, None, ""),
]
# title, author, activity topic, written on, summary
RESEARCH = [
    ("关于农村人居环境长效管护机制的调研报告", "李秀英",
     "听取和审议镇人民政府关于农村人居环境整治工作情况的专项工作报告", D(2026, 4, 10),
     "建议建立“村收集、镇转运、县处理”的长效机制，保洁经费纳入镇财政预算。"),
    ("关于青山镇茶叶产业高质量发展的调研报告", "赵红梅", "关于全镇茶叶产业发展情况的专题调研", D(2026, 10, 8),
     "全镇茶园面积1.2万亩，建议从基础设施、品牌建设、精深加工三方面发力。"),
]


def _at(day, hour=10):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _activities(deputies, units, staff):
    by_topic = {}
    for kind, topic, start, end, place, status, leader, people, unit_names, summary, findings, opinion in ACTIVITIES:
        activity, _ = Activity.objects.update_or_create(
            kind=kind, topic=topic,
            defaults={"start_date": start, "end_date": end, "place": place, "status": status,
                      "leader": deputies.get(leader), "summary": summary, "findings": findings,
                      "opinion_text": opinion, "plan_note": PLAN_NOTES.get(topic, ""),
                      "opinion_sent_on": end + datetime.timedelta(days=2) if opinion else None,
                      "follows": by_topic.get(FOLLOWS.get(topic)), "created_by": staff},
        )
        activity.participants.set([deputies[name] for name in people if name in deputies])
        activity.units.set([units[name] for name in unit_names])
        by_topic[topic] = activity
    return by_topic


def _item(activity, unit, problem, requirement, assigned, deadline, story, original, *, staff, officer):
    item, created = RectificationItem.objects.get_or_create(
        activity=activity, problem=problem,
        defaults={"unit": unit, "requirement": requirement, "assigned_on": assigned, "deadline": deadline,
                  "created_by": staff},
    )
    if not created:
        return item
    events = [RectificationEvent(item=item, action=Action.CREATE, actor=staff, to_status=R.PENDING,
                                 created_at=_at(assigned, 9))]
    status = R.PENDING
    for action, day, comment in story:
        after = {Action.START: R.IN_PROGRESS, Action.REPORT: R.IN_PROGRESS, Action.CLAIM_DONE: R.RECTIFIED,
                 Action.VERIFY: R.VERIFIED, Action.EXTEND: status}[action]
        actor = staff if action in (Action.VERIFY, Action.EXTEND) else officer
        events.append(RectificationEvent(item=item, action=action, actor=actor, comment=comment,
                                         from_status=status, to_status=after, created_at=_at(day, 15)))
        if action == Action.START:
            item.started_at = _at(day, 9)
        if action in (Action.REPORT, Action.CLAIM_DONE):
            report = RectificationReport.objects.create(item=item, text=comment, author=officer,
                                                        is_completion=action == Action.CLAIM_DONE)
            RectificationReport.objects.filter(pk=report.pk).update(created_at=_at(day, 15))
        if action == Action.CLAIM_DONE:
            item.rectified_on = day
        if action == Action.VERIFY:
            item.verified_on, item.verified_by = day, staff
        if action == Action.EXTEND:
            item.original_deadline, item.extension_reason = original, comment
        status = after
    item.status = status
    item.save()
    # auto_now_add stamps today; the timeline must show the days the story happened.
    moments = [event.created_at for event in events]
    for event, moment in zip(RectificationEvent.objects.bulk_create(events), moments):
        RectificationEvent.objects.filter(pk=event.pk).update(created_at=moment)
    return item


def seed(stdout):
    staff = User.objects.filter(username="staff").first()
    deputies = {deputy.name: deputy for deputy in Deputy.objects.all()}
    units = {unit.name: unit for unit in HandlingUnit.objects.all()}
    activities = _activities(deputies, units, staff)

    for topic, unit_name, problem, requirement, assigned, deadline, story, original in ITEMS:
        unit = units[unit_name]
        officer = User.objects.filter(handling_unit=unit, is_active=True).order_by("pk").first()
        _item(activities[topic], unit, problem, requirement, assigned, deadline, story, original,
              staff=staff, officer=officer)

    for topic, unit_name, subject, ballots, satisfied, basic, unsatisfied in VOTES:
        activity = activities[topic]
        SatisfactionVote.objects.update_or_create(
            activity=activity, subject=subject,
            defaults={"unit": units.get(unit_name), "held_on": activity.start_date, "ballots": ballots,
                      "satisfied": satisfied, "basically_satisfied": basic, "unsatisfied": unsatisfied,
                      "result": rules.vote_result(ballots=ballots, satisfied=satisfied,
                                                  basically_satisfied=basic, unsatisfied=unsatisfied),
                      "recorded_by": staff},
        )

    for kind, topic, start, end, place, organiser, status, people, summary in TRAININGS:
        training, _ = Training.objects.update_or_create(
            kind=kind, topic=topic,
            defaults={"start_date": start, "end_date": end, "place": place, "organiser": organiser,
                      "status": status, "summary": summary, "created_by": staff},
        )
        attendees = (deputies_in_office(start) if people is None
                     else [deputies[name] for name in people if name in deputies])
        training.attendees.set(attendees)

    for title, author, topic, written_on, summary in RESEARCH:
        ResearchReport.objects.update_or_create(
            title=title, defaults={"author": deputies[author], "activity": activities.get(topic),
                                   "written_on": written_on, "summary": summary, "created_by": staff},
        )

    items = RectificationItem.objects.all()
    stdout.write(f"Supervision: {Activity.objects.count()} activities, {items.count()} rectification items "
                 f"({items.filter(status=R.VERIFIED).count()} verified), {Training.objects.count()} trainings, "
                 f"{ResearchReport.objects.count()} research reports.")
