#!/usr/bin/env python3
"""Adds the demo application forms to catalog.json (docs/catalog-format.md, "form").

Run once after editing the forms below; the catalog stays the single source the demo imports.
"""
import json

def f(key, label, kind="Text", required=True, **extra):
    field = {"key": key, "label": label, "kind": kind, "required": required}
    field.update(extra)
    return field

person = [
    f("name", "姓名", prefill="PersonName", maxLength=50),
    f("idNumber", "居民身份证号码", "IdNumber", prefill="PersonIdNumber"),
    f("phone", "联系电话", "Phone", prefill="PersonPhone"),
]

forms = {
    "幼儿园、小学和初级中学教师资格认定": [
        *person,
        f("gender", "性别", "Choice", options=["男", "女"]),
        f("birthDate", "出生日期", "Date", max="today", min="1950-01-01"),
        f("subject", "任教学科", hint="按考试合格证明上的学科填写，如“小学数学”。", maxLength=30),
        f("education", "最高学历", "Choice", options=["中专", "大专", "本科", "硕士研究生", "博士研究生"]),
        f("school", "毕业学校", maxLength=100),
        f("graduationDate", "毕业时间", "Date", max="today"),
        f("mandarinLevel", "普通话水平测试等级", "Choice", options=["一级甲等", "一级乙等", "二级甲等", "二级乙等"]),
        f("employed", "目前是否在职", "Choice", options=["是", "否"]),
        f("employer", "工作单位", showWhen={"field": "employed", "values": ["是"]}, maxLength=100),
        f("experience", "学习和工作经历", "Rows", required=False, hint="从高中阶段填起，按时间顺序。", maxRows=10,
          columns=[f("from", "起始年月", maxLength=20), f("to", "截止年月", maxLength=20), f("place", "学校或单位", maxLength=100)]),
        f("address", "通讯地址", "Address"),
    ],
    "适龄儿童、少年因身体状况需要延缓入学或者休学审批": [
        *person,
        f("childName", "儿童（学生）姓名", maxLength=50),
        f("childIdNumber", "儿童（学生）身份证号码", "IdNumber"),
        f("relation", "与儿童的关系", "Choice", options=["父亲", "母亲", "其他法定监护人"]),
        f("school", "就读或应入学的学校", maxLength=100),
        f("grade", "就读年级", required=False, situations=["休学"], maxLength=20),
        f("startDate", "申请开始日期", "Date", min="today"),
        f("reason", "身体状况说明", "LongText", maxLength=1000),
    ],
    "受理教师申诉": [
        *person,
        f("school", "被申诉的学校或教育机构", maxLength=100),
        f("decisionDate", "处理决定作出日期", "Date", max="today"),
        f("request", "申诉请求", "LongText", maxLength=1000),
        f("facts", "事实和理由", "LongText", maxLength=4000),
    ],
    "义务教育阶段学生转学（跨区转入、外省市转入）": [
        *person,
        f("studentName", "学生姓名", maxLength=50),
        f("studentIdNumber", "学生身份证号码", "IdNumber"),
        f("currentSchool", "现就读学校", maxLength=100),
        f("grade", "现就读年级", "Choice", options=["一年级", "二年级", "三年级", "四年级", "五年级", "六年级", "七年级", "八年级", "九年级"]),
        f("address", "在闵行区的实际居住地址", "Address"),
        f("reason", "转学原因", "LongText", maxLength=500),
    ],
    "民办、中外合作开办中等及以下学校和其他教育机构筹设审批": [
        f("sponsor", "举办者名称（姓名）", prefill="OrganizationName", maxLength=100),
        f("creditCode", "举办者统一社会信用代码", required=False, prefill="OrganizationCreditCode", situations=["举办者为社会组织", "联合举办"],
          pattern="^[0-9A-HJ-NPQRTUWXY]{18}$", patternMessage="统一社会信用代码应为 18 位数字或大写字母。"),
        f("contact", "联系人", prefill="PersonName", maxLength=50),
        f("phone", "联系电话", "Phone", prefill="PersonPhone"),
        f("schoolName", "拟办学校名称", maxLength=100),
        f("schoolType", "学校类别", "Choice", options=["幼儿园", "小学", "初级中学", "普通高中", "中等职业学校", "培训机构"]),
        f("funds", "开办资金（万元）", "Number", min="0", max="100000"),
        f("address", "拟办学地址", "Address"),
    ],
}

catalog = json.load(open("catalog.json", encoding="utf-8"))
for item in catalog["items"]:
    if item["name"] in forms:
        item["form"] = {"fields": forms.pop(item["name"])}
assert not forms, f"items not found: {list(forms)}"
with open("catalog.json", "w", encoding="utf-8") as out:
    out.write(json.dumps(catalog, ensure_ascii=False, indent=2) + "\n")
