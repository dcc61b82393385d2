"""The sheet's vocabulary: its column headers and the words offices write in its cells.

These Chinese words are data, the format of the file, not interface text: an exported sheet must
read back the same whatever language the person who exported it reads the portal in.
"""
from ..models import Deputy, Mandate

D, L = Deputy, Mandate.Level
COLUMNS = {  # field: the header the office writes, in the sheet's order
    "name": "姓名", "gender": "性别", "ethnicity": "民族", "birth_date": "出生年月", "political_status": "政治面貌",
    "education": "文化程度", "occupation": "职业类别", "work_unit": "工作单位及职务", "phone": "联系电话",
    "district": "选区", "groups": "代表小组", "levels": "代表层级",
}
REQUIRED = ("name", "gender", "birth_date", "district")
ALIASES = {header: key for key, header in COLUMNS.items()} | {
    "代表姓名": "name", "出生日期": "birth_date", "出生年月日": "birth_date", "出生时间": "birth_date",
    "党派": "political_status", "学历": "education", "职业": "occupation", "职业分类": "occupation",
    "工作单位和职务": "work_unit", "单位及职务": "work_unit", "工作单位": "work_unit", "单位职务": "work_unit",
    "手机号码": "phone", "手机": "phone", "手机号": "phone", "电话": "phone", "联系方式": "phone",
    "所在选区": "district", "选区名称": "district", "所在代表小组": "groups", "小组": "groups",
    "层级": "levels", "代表级别": "levels", "级别": "levels",
}
# Words the sheets use, folded (see _fold); the first spelling of each value is what the export writes.
GENDERS = {"男": D.Gender.MALE, "女": D.Gender.FEMALE, "男性": D.Gender.MALE, "女性": D.Gender.FEMALE}
POLITICS = {
    "中共党员": D.PoliticalStatus.CPC_MEMBER, "党员": D.PoliticalStatus.CPC_MEMBER,
    "共产党员": D.PoliticalStatus.CPC_MEMBER, "中国共产党党员": D.PoliticalStatus.CPC_MEMBER,
    "中共预备党员": D.PoliticalStatus.CPC_PROBATIONARY, "预备党员": D.PoliticalStatus.CPC_PROBATIONARY,
    "共青团员": D.PoliticalStatus.CYL_MEMBER, "团员": D.PoliticalStatus.CYL_MEMBER,
    "民主党派": D.PoliticalStatus.DEMOCRATIC_PARTY, "无党派人士": D.PoliticalStatus.NON_PARTY,
    "无党派": D.PoliticalStatus.NON_PARTY, "群众": D.PoliticalStatus.MASSES,
}
# The eight democratic parties by short and long name: "民盟盟员", "九三学社社员", "中国致公党党员"...
PARTIES = ("民革", "民盟", "民建", "民进", "农工", "致公", "九三", "台盟", "国民党革命委员会", "民主同盟",
           "民主建国会", "民主促进会", "台湾民主自治同盟")
EDUCATION = {
    "小学": D.Education.PRIMARY, "小学及以下": D.Education.PRIMARY, "初中": D.Education.JUNIOR,
    "高中": D.Education.SENIOR, "中专": D.Education.SENIOR, "职高": D.Education.SENIOR, "中技": D.Education.SENIOR,
    "技校": D.Education.SENIOR, "大专": D.Education.COLLEGE, "专科": D.Education.COLLEGE,
    "大学专科": D.Education.COLLEGE, "本科": D.Education.BACHELOR, "大学": D.Education.BACHELOR,
    "大学本科": D.Education.BACHELOR, "研究生": D.Education.POSTGRADUATE, "硕士": D.Education.POSTGRADUATE,
    "博士": D.Education.POSTGRADUATE, "硕士研究生": D.Education.POSTGRADUATE, "博士研究生": D.Education.POSTGRADUATE,
}
OCCUPATIONS = {
    "工人": D.Occupation.WORKER, "农民": D.Occupation.FARMER, "专业技术人员": D.Occupation.PROFESSIONAL,
    "专技人员": D.Occupation.PROFESSIONAL, "技术人员": D.Occupation.PROFESSIONAL, "干部": D.Occupation.CADRE,
    "党政干部": D.Occupation.CADRE, "党政领导干部": D.Occupation.CADRE, "其他": D.Occupation.OTHER,
    "其它": D.Occupation.OTHER, "企业负责人": D.Occupation.OTHER,
}
# A level is told by the last character of its word: 镇, 青山镇人大代表, 清水县, 县级 -> township, county.
LEVELS_BY_LAST_CHARACTER = {"镇": L.TOWNSHIP, "乡": L.TOWNSHIP, "县": L.COUNTY, "区": L.COUNTY, "市": L.CITY,
                            "省": L.PROVINCE}
LEVEL_WORDS = {L.TOWNSHIP: "镇", L.COUNTY: "县", L.CITY: "市", L.PROVINCE: "省"}
LEVEL_ORDER = list(LEVEL_WORDS)
WORDS = {  # what the export writes for each stored value: the first spelling the reader accepts
    "gender": {value: word for word, value in reversed(GENDERS.items())},
    "political_status": {value: word for word, value in reversed(POLITICS.items())},
    "education": {D.Education.PRIMARY: "小学", D.Education.JUNIOR: "初中", D.Education.SENIOR: "高中",
                  D.Education.COLLEGE: "大专", D.Education.BACHELOR: "本科", D.Education.POSTGRADUATE: "研究生"},
    "occupation": {value: word for word, value in reversed(OCCUPATIONS.items())},
}
