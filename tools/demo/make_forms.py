#!/usr/bin/env python3
"""Generates the demo blank forms and samples in src/GovHall.Web/Demo/files and keeps the sha256
values in src/GovHall.Web/Demo/catalog.json in step.

Each file is a minimal WordprocessingML document ([Content_Types].xml, _rels/.rels,
word/document.xml): a Chinese title, a short note and a two-column table of the fields to
fill. Output is byte-for-byte deterministic (fixed zip timestamps, stored entries, fixed
order), so the sha256 values in catalog.json stay valid whenever the files are regenerated.

    python3 tools/demo/make_forms.py          write Demo/files/*.docx and update the sha256 values in catalog.json
    python3 tools/demo/make_forms.py --check  change nothing; exit 1 if a file or a sha256 in catalog.json is out of date

All names, ID numbers and phone numbers in the samples are demo values (the ID numbers have
valid GB 11643 check digits but belong to nobody).
"""
import hashlib
import io
import json
import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

# The demo data the app seeds from; this script lives outside the app so it is not copied with it.
DEMO = Path(__file__).resolve().parents[2] / "src" / "GovHall.Web" / "Demo"
FILES = DEMO / "files"
CATALOG = DEMO / "catalog.json"
ZIP_TIME = (2026, 1, 1, 0, 0, 0)
ISSUER = "上海市闵行区教育局"

# name -> (title, note, [(field, sample value or "")], is_sample)
# A blank form lists the fields with empty answers; a sample (示例样表 / 样本) fills them in.
FORMS = {}


def blank(file_name, title, fields, note="请如实填写；不适用的栏目填写“无”。"):
    FORMS[file_name] = (title, note, [(f, "") for f in fields], False)


def sample(file_name, title, pairs, note="本表为填写示例，所填人员、单位、证件号码均为演示数据。"):
    FORMS[file_name] = (title, note, pairs, True)


blank("教师资格认定申请表.docx", "教师资格认定申请表", [
    "姓名", "性别", "民族", "出生日期", "居民身份证号码", "政治面貌", "户籍所在地或居住证登记地",
    "现工作单位（或拟任教单位）", "最高学历及毕业学校", "所学专业", "普通话水平测试等级及证书编号",
    "申请资格种类（幼儿园／小学／初级中学）", "任教学科", "教师资格考试合格证明编号",
    "体检医院及体检结论", "通讯地址", "联系电话", "本人承诺（所填信息及提交材料真实有效）",
    "申请人签名及日期", "认定机构审查意见"],
    note="一式两份。申请资格种类按“幼儿园／小学／初级中学”择一填写；初级中学须填写任教学科。")
sample("教师资格认定申请表（示例样表）.docx", "教师资格认定申请表（示例样表）", [
    ("姓名", "张三"), ("性别", "男"), ("民族", "汉族"), ("出生日期", "1998年5月15日"),
    ("居民身份证号码", "310112199805151231"), ("政治面貌", "群众"),
    ("户籍所在地或居住证登记地", "上海市闵行区"), ("现工作单位（或拟任教单位）", "上海市闵行区示例小学"),
    ("最高学历及毕业学校", "大学本科，示例师范大学"), ("所学专业", "汉语言文学"),
    ("普通话水平测试等级及证书编号", "二级甲等，演示编号 31000000000000"),
    ("申请资格种类（幼儿园／小学／初级中学）", "小学"), ("任教学科", "语文"),
    ("教师资格考试合格证明编号", "演示编号 2025XXXXXXXXXXXX"),
    ("体检医院及体检结论", "区指定体检医院（演示），合格"),
    ("通讯地址", "上海市闵行区示例路1号"), ("联系电话", "13800000001"),
    ("本人承诺（所填信息及提交材料真实有效）", "本人承诺以上信息真实有效，如有虚假愿承担相应责任。"),
    ("申请人签名及日期", "张三　2026年4月10日"), ("认定机构审查意见", "（由认定机构填写）")])

blank("延缓入学申请表.docx", "适龄儿童延缓入学申请表", [
    "儿童姓名", "性别", "出生日期", "居民身份证号码", "户籍地址", "实际居住地址", "应入学学校（如已安排）",
    "申请延缓期限（自　年　月至　年　月）", "申请理由（身体状况说明）", "出具诊断证明的医疗机构",
    "监护人姓名", "与儿童关系", "监护人居民身份证号码", "联系电话", "监护人签名及日期", "区教育局审批意见"],
    note="由父母或者其他法定监护人填写，附县级以上医疗机构诊断证明或残疾人教育专家委员会评估意见。")
sample("延缓入学申请表（示例样表）.docx", "适龄儿童延缓入学申请表（示例样表）", [
    ("儿童姓名", "王小雨"), ("性别", "女"), ("出生日期", "2019年3月12日"),
    ("居民身份证号码", "310112201903120025"), ("户籍地址", "上海市闵行区示例路8弄8号"),
    ("实际居住地址", "同户籍地址"), ("应入学学校（如已安排）", "上海市闵行区示例小学"),
    ("申请延缓期限（自　年　月至　年　月）", "自2025年9月至2026年8月"),
    ("申请理由（身体状况说明）", "术后康复期，医嘱需居家休养一年（详见诊断证明）。"),
    ("出具诊断证明的医疗机构", "示例区中心医院（演示）"), ("监护人姓名", "王大明"), ("与儿童关系", "父女"),
    ("监护人居民身份证号码", "310112198506200051"), ("联系电话", "13800000001"),
    ("监护人签名及日期", "王大明　2025年7月1日"), ("区教育局审批意见", "（由区教育局填写）")])

blank("休学申请表.docx", "义务教育阶段学生休学申请表", [
    "学生姓名", "性别", "居民身份证号码", "全国学籍号", "就读学校", "年级、班级",
    "申请休学期限（自　年　月至　年　月）", "休学原因（身体状况说明）", "出具诊断证明的医疗机构",
    "监护人姓名", "与学生关系", "联系电话", "监护人签名及日期", "学校意见（盖章）", "区教育局审批意见"],
    note="休学期满需复学的，向原就读学校申请复学。")

blank("校车使用许可申请表.docx", "校车使用许可申请表", [
    "申请单位名称", "统一社会信用代码", "法定代表人", "申请人类型（学校／校车服务提供者）",
    "服务学校名称（校车服务提供者填写）", "车辆号牌号码", "车辆品牌型号", "核定载人数", "机动车所有人",
    "校车驾驶人姓名及驾驶证号", "行驶线路", "开行时间", "停靠站点", "随车照管人员",
    "机动车承运人责任保险单号及保险期间", "安全管理负责人及联系电话", "申请单位盖章及日期"],
    note="一车一表。行驶线路、开行时间、停靠站点应与校车运行方案一致。")
sample("校车使用许可申请表（示例样表）.docx", "校车使用许可申请表（示例样表）", [
    ("申请单位名称", "上海市闵行区示例小学"), ("统一社会信用代码", "（演示数据）"),
    ("法定代表人", "李四"), ("申请人类型（学校／校车服务提供者）", "学校"),
    ("服务学校名称（校车服务提供者填写）", "不适用"), ("车辆号牌号码", "沪A·演示01"),
    ("车辆品牌型号", "小学生专用校车（演示型号）"), ("核定载人数", "41人"), ("机动车所有人", "上海市闵行区示例小学"),
    ("校车驾驶人姓名及驾驶证号", "赵示例，驾驶证号（演示）"),
    ("行驶线路", "示例路—示例大道—学校（详见运行方案）"), ("开行时间", "上学日 7:00–7:50，15:30–16:30"),
    ("停靠站点", "示例路站、示例大道站、学校"), ("随车照管人员", "钱示例"),
    ("机动车承运人责任保险单号及保险期间", "演示保单号，2026年1月1日至2026年12月31日"),
    ("安全管理负责人及联系电话", "孙示例，13800000001"), ("申请单位盖章及日期", "（盖章）2026年2月10日")])

blank("民办学校筹设申请书.docx", "民办学校筹设申请书", [
    "拟设学校名称", "办学层次和类型", "营利性／非营利性", "拟办学地址", "举办者姓名或名称",
    "举办者住址或地址", "举办者身份证号码或统一社会信用代码", "培养目标", "办学规模", "办学形式",
    "办学条件概述（校舍、场地、设施设备）", "内部管理体制", "资产来源及资金数额", "经费筹措与管理使用",
    "有无捐赠性质的校产", "联系人及联系电话", "举办者签名（盖章）及日期"],
    note="申办报告作为附件一并提交。实施义务教育的民办学校不得设立为营利性民办学校。")

blank("民办学校正式设立申请表.docx", "民办学校正式设立申请表", [
    "学校名称", "办学层次和类型", "营利性／非营利性", "办学地址", "筹设批准书文号（直接申请正式设立的填“无”）",
    "举办者姓名或名称", "开办资金或注册资本", "校舍建筑面积及产权情况", "拟任校长姓名",
    "专任教师人数及持证情况", "财会人员情况", "决策机构组成人数", "拟招生规模", "联系人及联系电话",
    "举办者签名（盖章）及日期"])

blank("民办幼儿园设立申请表.docx", "民办幼儿园设立申请表", [
    "幼儿园名称", "营利性／非营利性", "园址", "举办者姓名或名称", "开办资金", "园舍建筑面积及户外场地面积",
    "拟设班级数及规模", "拟任园长姓名及资格情况", "教师、保育员、卫生保健人员配备", "安全保卫人员配备",
    "卫生评价结论", "筹设批准书文号（直接申请设立的填“无”）", "联系人及联系电话", "举办者签名（盖章）及日期"])

blank("民办学校变更事项申请表.docx", "民办学校变更事项申请表", [
    "学校名称", "办学许可证编号", "变更事项（名称／层次／类别／举办者／分立／合并）", "变更前内容", "变更后内容",
    "变更理由", "决策机构决议情况（会议时间、表决结果）", "财务清算情况", "在校学生及教职工安置安排",
    "联系人及联系电话", "学校盖章及日期"])

blank("民办学校终止申请表.docx", "民办学校终止申请表", [
    "学校名称", "办学许可证编号", "终止原因", "决策机构决议情况", "拟终止公告发布日期及方式",
    "在校学生人数", "学生安置方案及落实情况", "教职工安置情况", "财务清算情况", "办学许可证及印章交回安排",
    "联系人及联系电话", "学校盖章及日期"])

blank("民办培训机构设立申请表.docx", "非营利性民办培训机构设立申请表", [
    "拟设机构名称", "培训类别（文化教育类）", "培训对象", "办学地址", "场地建筑面积", "场地产权或租赁期限",
    "举办者姓名或名称", "举办者身份证号码或统一社会信用代码", "开办资金", "拟任法定代表人",
    "拟任校长（行政负责人）", "专兼职教师人数", "决策机构组成人数", "培训项目及收费标准", "联系人及联系电话",
    "举办者签名（盖章）及日期"],
    note="面向中小学生的学科类培训不在受理范围内；体育、文化艺术、科技类培训向相关主管部门申请。")

blank("教师申诉书.docx", "教师申诉书", [
    "申诉人姓名", "性别", "出生年月", "工作单位", "职务或职称", "联系电话", "通讯地址",
    "被申诉人名称", "被申诉人法定代表人", "被申诉人地址", "申诉请求", "事实与理由", "证据清单",
    "申诉人签名", "日期"],
    note="一事一申诉。申诉请求应具体明确，并附原处理决定等证据材料。")
sample("教师申诉书（示例样表）.docx", "教师申诉书（示例样表）", [
    ("申诉人姓名", "张三"), ("性别", "男"), ("出生年月", "1998年5月"), ("工作单位", "上海市闵行区示例小学"),
    ("职务或职称", "二级教师"), ("联系电话", "13800000001"), ("通讯地址", "上海市闵行区示例路1号"),
    ("被申诉人名称", "上海市闵行区示例小学"), ("被申诉人法定代表人", "李四"),
    ("被申诉人地址", "上海市闵行区示例大道100号"),
    ("申诉请求", "请求撤销学校2026年3月1日作出的年度考核“不合格”结论。"),
    ("事实与理由", "本人2025学年完成全部教学任务，考核程序未听取本人意见……（演示内容）"),
    ("证据清单", "1. 考核结果通知；2. 课表及教学记录；3. 学生评教结果。"),
    ("申诉人签名", "张三"), ("日期", "2026年3月10日")])

blank("转学申请表.docx", "义务教育阶段学生转学申请表", [
    "学生姓名", "性别", "居民身份证号码", "全国学籍号", "原就读学校及所在省市区", "现就读年级",
    "转学类型（本市跨区转入／外省市转入／境外回沪）", "转学原因", "户籍地址", "实际居住地址",
    "居住证明类型（房产证／租赁登记备案）", "监护人姓名", "与学生关系", "联系电话", "监护人签名及日期",
    "区教育局审核意见"],
    note="转入学校由区教育局按照就近免试原则统筹安排，申请人不得指定学校。")
sample("转学申请表（示例样表）.docx", "义务教育阶段学生转学申请表（示例样表）", [
    ("学生姓名", "李思雨"), ("性别", "女"), ("居民身份证号码", "310112201209010045"),
    ("全国学籍号", "G310112201209010045（演示）"), ("原就读学校及所在省市区", "示例省示例市实验小学"),
    ("现就读年级", "五年级"), ("转学类型（本市跨区转入／外省市转入／境外回沪）", "外省市转入"),
    ("转学原因", "监护人工作调动，全家户籍迁入闵行区"), ("户籍地址", "上海市闵行区示例路8弄8号"),
    ("实际居住地址", "同户籍地址"), ("居住证明类型（房产证／租赁登记备案）", "房产证"),
    ("监护人姓名", "李四"), ("与学生关系", "父女"), ("联系电话", "13800000001"),
    ("监护人签名及日期", "李四　2026年1月20日"), ("区教育局审核意见", "（由区教育局填写）")])

blank("家庭经济困难学生资助申请表.docx", "家庭经济困难学生资助申请表", [
    "学生（幼儿）姓名", "居民身份证号码", "就读学校（幼儿园）", "学段（学前／义务教育／普通高中）", "年级、班级",
    "家庭人口数", "家庭年收入", "困难类型（低保／特困供养／孤儿／残疾／低收入／其他）", "申请资助项目",
    "申请理由", "监护人姓名及联系电话", "监护人签名及日期", "学校（幼儿园）评议意见"],
    note="学校（幼儿园）评议、公示时应保护学生隐私，不公开家庭经济困难的具体情况。")

blank("教师资格证书补发换发申请表.docx", "教师资格证书补发换发申请表", [
    "姓名", "性别", "居民身份证号码", "教师资格种类", "任教学科", "教师资格证书编号", "原认定机构", "认定日期",
    "申请事项（补发／换发）", "补发或换发原因", "遗失声明刊登报刊（平台）及日期", "联系电话", "通讯地址",
    "申请人签名及日期"])

blank("普惠性民办幼儿园认定申请表.docx", "普惠性民办幼儿园认定申请表", [
    "幼儿园名称", "办学许可证编号", "法人登记证书编号", "园址", "举办者", "园长", "班级数", "在园幼儿数",
    "专任教师数及持证率", "现行保育教育费标准", "上一年度年检结论", "申请理由", "承诺事项",
    "幼儿园盖章及日期"],
    note="认定后保育教育费执行政府指导价。")

sample("准予延缓入学（休学）决定书（样本）.docx", "准予延缓入学（休学）决定书（样本）", [
    ("文号", "闵教延〔2026〕第0001号（演示）"), ("申请人（监护人）", "王大明"), ("儿童（学生）姓名", "王小雨"),
    ("决定事项", "准予延缓入学"), ("延缓（休学）期限", "2025年9月1日至2026年8月31日"),
    ("期满后事项", "期满后应按时入学；仍需延缓的，应于期满前重新提出申请。"),
    ("救济途径", "如不服本决定，可依法申请行政复议或者提起行政诉讼。"),
    ("作出机关", ISSUER + "（演示样本，无效）"), ("日期", "2025年7月1日")],
    note="本样本仅供了解结果文书格式，不具有法律效力。")
sample("民办学校筹设批准书（样本）.docx", "民办学校筹设批准书（样本）", [
    ("文号", "闵教民筹〔2026〕第0001号（演示）"), ("举办者", "上海示例教育发展中心（演示）"),
    ("拟设学校名称", "上海市闵行区示例幼儿园（演示）"), ("办学层次和类型", "学前教育，非营利性"),
    ("拟办学地址", "上海市闵行区示例路100号"), ("筹设期限", "自批准之日起3年内，筹设期内不得招生"),
    ("作出机关", ISSUER + "（演示样本，无效）"), ("日期", "2026年3月1日")],
    note="本样本仅供了解结果文书格式，不具有法律效力。")


def run(text, bold=False, size=None):
    props = '<w:rFonts w:ascii="SimSun" w:hAnsi="SimSun" w:eastAsia="SimSun"/>'
    if bold:
        props += "<w:b/>"
    if size:
        props += f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>'
    return f'<w:r><w:rPr>{props}</w:rPr><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def paragraph(text="", center=False, bold=False, size=None):
    ppr = '<w:pPr><w:jc w:val="center"/></w:pPr>' if center else ""
    return f"<w:p>{ppr}{run(text, bold, size) if text else ''}</w:p>"


def cell(text, width, bold=False):
    return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
            f"{paragraph(text, bold=bold)}</w:tc>")


def document_xml(title, note, pairs):
    border = '<w:{0} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
    borders = "".join(border.format(b) for b in ("top", "left", "bottom", "right", "insideH", "insideV"))
    rows = "".join(f"<w:tr>{cell(label, 3200, bold=True)}{cell(value, 5800)}</w:tr>" for label, value in pairs)
    table = (f'<w:tbl><w:tblPr><w:tblW w:w="9000" w:type="dxa"/><w:tblBorders>{borders}</w:tblBorders>'
             f'</w:tblPr><w:tblGrid><w:gridCol w:w="3200"/><w:gridCol w:w="5800"/></w:tblGrid>{rows}</w:tbl>')
    body = (paragraph(title, center=True, bold=True, size=36)
            + paragraph(ISSUER + "（演示表格）", center=True)
            + paragraph(note)
            + table
            + paragraph()
            + '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440"'
              ' w:left="1440" w:header="720" w:footer="720" w:gutter="0"/></w:sectPr>')
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f"<w:body>{body}</w:body></w:document>")


CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>")

RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>')


def docx_bytes(title, note, pairs):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in (("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", RELS),
                           ("word/document.xml", document_xml(title, note, pairs))):
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_STORED  # no zlib: identical bytes on every machine
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            archive.writestr(info, text.encode("utf-8"))
    return buffer.getvalue()


def built():
    return {name: docx_bytes(title, note, pairs) for name, (title, note, pairs, _) in FORMS.items()}


def references(node):
    """Yields every FileReference object ({fileName, sha256}) in the catalog."""
    if isinstance(node, dict):
        if set(node) == {"fileName", "sha256"}:
            yield node
        for value in node.values():
            yield from references(value)
    elif isinstance(node, list):
        for value in node:
            yield from references(value)


def catalog_text(data):
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def main(argv):
    check_only = "--check" in argv
    files = built()
    problems = []
    for name, content in files.items():
        if len(content) >= 20 * 1024:
            problems.append(f"{name}: {len(content)} bytes, should stay under 20 KB")
        path = FILES / name
        if not path.exists() or path.read_bytes() != content:
            if check_only:
                problems.append(f"{name}: missing or out of date (run make_forms.py)")
            else:
                FILES.mkdir(exist_ok=True)
                path.write_bytes(content)
    for path in sorted(FILES.glob("*")) if FILES.exists() else []:
        if path.name not in files:
            problems.append(f"{path.name}: in Demo/files but not produced by make_forms.py")

    if CATALOG.exists():
        data = json.loads(CATALOG.read_text(encoding="utf-8"))
        used = set()
        for ref in references(data):
            content = files.get(ref["fileName"])
            if content is None:
                problems.append(f"catalog.json refers to {ref['fileName']}, which make_forms.py does not produce")
                continue
            used.add(ref["fileName"])
            digest = hashlib.sha256(content).hexdigest()
            if ref["sha256"] != digest:
                if check_only:
                    problems.append(f"catalog.json: sha256 of {ref['fileName']} is out of date")
                ref["sha256"] = digest
        for name in sorted(set(files) - used):
            problems.append(f"{name}: produced but not referenced by catalog.json")
        if not check_only and CATALOG.read_text(encoding="utf-8") != catalog_text(data):
            CATALOG.write_text(catalog_text(data), encoding="utf-8")

    for problem in problems:
        print(problem, file=sys.stderr)
    if not problems:
        print(f"{len(files)} files {'checked' if check_only else 'written'}; catalog.json sha256 values match")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
