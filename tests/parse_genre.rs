//! The parser on the genre's other forms: what other cities write, beyond the
//! five samples. Each test is a small document in one style.

use zeren::model::{ParsedDocument, ParsedTask, WarningKind};
use zeren::parse::parse_document;

fn units(doc: &ParsedDocument, task: &ParsedTask) -> (Vec<String>, Vec<String>, Vec<String>) {
    doc.assignment_of(task)
        .map(|a| (a.lead.clone(), a.responsible.clone(), a.cooperating.clone()))
        .unwrap_or_default()
}

fn leaders(doc: &ParsedDocument, task: &ParsedTask) -> Vec<String> {
    doc.assignment_of(task)
        .map(|a| a.leaders.clone())
        .unwrap_or_default()
}

fn numbers(doc: &ParsedDocument) -> Vec<Option<&str>> {
    doc.tasks
        .iter()
        .map(|task| task.number.as_deref())
        .collect()
}

#[test]
fn full_width_punctuation_and_ideographic_indent() {
    let doc = parse_document(
        "某市2024年重点工作任务分解方案\n\
         一、稳增长\n\
         \u{3000}\u{3000}１．推动工业增长。全年规上工业增加值增长７％。（牵头单位：市工信局；责任单位：市发展改革委，市财政局）\n\
         \u{3000}\u{3000}２．扩大有效投资。（责任单位：市发展改革委）\n",
    );
    assert_eq!(numbers(&doc), [Some("1"), Some("2")]);
    assert_eq!(
        doc.tasks[0].text,
        "推动工业增长。全年规上工业增加值增长7%。"
    );
    let (lead, responsible, _) = units(&doc, &doc.tasks[0]);
    assert_eq!(lead, ["市工信局"]);
    assert_eq!(responsible, ["市发展改革委", "市财政局"]);
    assert_eq!(doc.section_path(doc.tasks[1].section), ["一、稳增长"]);
    assert_eq!(doc.meta.year, Some(2024));
}

#[test]
fn verb_form_annotations() {
    let doc = parse_document(
        "一、重点任务\n\
         1.优化营商环境。(市发展改革委牵头,市市场监管局、市政务服务中心配合)\n\
         2.推进数字政府建设。(市大数据局负责)\n",
    );
    let (lead, _, cooperating) = units(&doc, &doc.tasks[0]);
    assert_eq!(lead, ["市发展改革委"]);
    assert_eq!(cooperating, ["市市场监管局", "市政务服务中心"]);
    let (_, responsible, _) = units(&doc, &doc.tasks[1]);
    assert_eq!(responsible, ["市大数据局"]);
    assert_eq!(doc.tasks[1].text, "推进数字政府建设。");
}

#[test]
fn tasks_numbered_in_parentheses_carry_the_annotations() {
    let doc = parse_document(
        "一、扩大内需\n\
         (一)促进消费回升。开展促消费活动。(牵头单位:市商务局;配合单位:各区县政府)\n\
         (二)扩大有效投资。(牵头单位:市发改委)\n\
         二、深化改革\n\
         (一)深化国企改革。(牵头单位:市国资委)\n",
    );
    assert_eq!(numbers(&doc), [Some("一"), Some("二"), Some("一")]);
    assert_eq!(doc.section_path(doc.tasks[2].section), ["二、深化改革"]);
    let (_, _, cooperating) = units(&doc, &doc.tasks[0]);
    assert_eq!(cooperating, ["各区县政府"]);
}

#[test]
fn annotation_on_the_line_after_the_task() {
    let doc = parse_document(
        "一、工作任务\n\
         1.完善公共服务体系。\n\
         (牵头单位:市民政局;责任单位:各区政府)\n\
         2.加强养老服务。\n\
         (责任单位:市民政局)\n",
    );
    let (lead, responsible, _) = units(&doc, &doc.tasks[0]);
    assert_eq!(lead, ["市民政局"]);
    assert_eq!(responsible, ["各区政府"]);
    let (_, responsible, _) = units(&doc, &doc.tasks[1]);
    assert_eq!(responsible, ["市民政局"]);
}

#[test]
fn wrapped_lines_from_a_pdf_join_their_task() {
    let doc = parse_document(
        "一、工作任务\n\
         1.加快推进城市更新,改造老旧小区120个,新建\n\
         城市绿道50公里。(责任单位:市住建局、\n\
         市城管局)\n\
         2.推进海绵城市建设。(责任单位:市住建局)\n",
    );
    assert_eq!(doc.tasks.len(), 2);
    assert_eq!(
        doc.tasks[0].text,
        "加快推进城市更新,改造老旧小区120个,新建城市绿道50公里。"
    );
    let (_, responsible, _) = units(&doc, &doc.tasks[0]);
    assert_eq!(responsible, ["市住建局", "市城管局"]);
}

#[test]
fn a_block_line_under_a_heading_names_the_tasks_below() {
    let doc = parse_document(
        "一、实施就业优先\n\
         牵头单位:市人社局;配合单位:市财政局\n\
         1.稳定就业岗位。\n\
         2.加强技能培训。\n\
         二、完善社会保障\n\
         1.扩大参保覆盖面。(牵头单位:市医保局)\n",
    );
    for task in &doc.tasks[..2] {
        let (lead, _, cooperating) = units(&doc, task);
        assert_eq!(lead, ["市人社局"]);
        assert_eq!(cooperating, ["市财政局"]);
    }
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
}

#[test]
fn units_separated_by_spaces_and_trailing_annotation_without_brackets() {
    let doc = parse_document(
        "一、工作任务\n\
         1.推进乡村振兴。牵头单位:市农业农村局 责任单位:市财政局 市水利局\n\
         2.建设高标准农田。\n",
    );
    let (lead, responsible, _) = units(&doc, &doc.tasks[0]);
    assert_eq!(lead, ["市农业农村局"]);
    assert_eq!(responsible, ["市财政局", "市水利局"]);
    assert_eq!(doc.tasks[0].text, "推进乡村振兴。");
}

#[test]
fn traditional_characters() {
    let doc = parse_document(
        "一、工作任務\n\
         1.推進醫療改革。(牽頭單位:市衛健委;責任單位:市醫保局;配合單位:市財政局)\n\
         2.加強基層醫療。(責任單位:市衛健委)\n",
    );
    let (lead, responsible, cooperating) = units(&doc, &doc.tasks[0]);
    assert_eq!(lead, ["市衛健委"]);
    assert_eq!(responsible, ["市醫保局"]);
    assert_eq!(cooperating, ["市財政局"]);
}

#[test]
fn parts_chapters_and_numbering_with_dun_comma() {
    let doc = parse_document(
        "第一部分 经济发展\n\
         一、工业\n\
         1、推进技术改造。(责任单位:市工信局)\n\
         第二部分 社会事业\n\
         一、教育\n\
         1、新建学校3所。(责任单位:市教育局)\n",
    );
    assert_eq!(numbers(&doc), [Some("1"), Some("1")]);
    assert_eq!(
        doc.section_path(doc.tasks[1].section),
        ["第二部分 社会事业", "一、教育"]
    );
}

#[test]
fn a_task_table_in_tab_separated_text() {
    let doc = parse_document(
        "某市重点工作任务分解表\n\
         序号\t重点任务\t牵头单位\t配合单位\t完成时限\n\
         一、稳增长\t\t\t\t\n\
         1\t推动工业增长\t市工信局\t市财政局、市统计局\t2024年12月\n\
         2\t扩大有效投资\t市发改委\t\t2024年6月底前\n",
    );
    assert_eq!(numbers(&doc), [Some("1"), Some("2")]);
    assert_eq!(doc.tasks[0].text, "推动工业增长");
    assert_eq!(doc.tasks[0].deadline.as_deref(), Some("2024年12月"));
    let (lead, _, cooperating) = units(&doc, &doc.tasks[0]);
    assert_eq!(lead, ["市工信局"]);
    assert_eq!(cooperating, ["市财政局", "市统计局"]);
    assert_eq!(doc.section_path(doc.tasks[1].section), ["一、稳增长"]);
}

#[test]
fn an_annotation_line_with_no_task_above_is_a_warning() {
    let doc = parse_document(
        "某市工作方案\n\
         为推动工作,制定本方案。\n\
         牵头单位:市发改委\n\
         一、工作任务\n\
         1.推进改革。(责任单位:市发改委)\n",
    );
    assert!(
        doc.warnings
            .iter()
            .any(|warning| warning.kind == WarningKind::OrphanAnnotation),
        "{:?}",
        doc.warnings
    );
}

#[test]
fn a_number_out_of_sequence_is_a_warning() {
    let doc = parse_document(
        "一、工作任务\n\
         1.推进改革。(责任单位:市发改委)\n\
         2.扩大开放。(责任单位:市商务局)\n\
         5.优化服务。(责任单位:市政务服务中心)\n",
    );
    assert_eq!(doc.tasks.len(), 3);
    assert!(
        doc.warnings
            .iter()
            .any(|warning| warning.kind == WarningKind::NumberOutOfSequence
                && warning.line == Some(4)),
        "{:?}",
        doc.warnings
    );
}

#[test]
fn several_plans_in_one_file_restart_numbering() {
    let doc = parse_document(
        "甲工程2021年工作要点\n\
         一、任务\n\
         1.任务甲一。\n\
         2.任务甲二。\n\
         责任部门:市住建局\n\
         乙工程2021年工作要点\n\
         一、任务\n\
         1.任务乙一。\n\
         责任部门:市交通局\n",
    );
    assert_eq!(doc.plans, ["甲工程2021年工作要点", "乙工程2021年工作要点"]);
    assert_eq!(doc.tasks[2].plan, Some(1));
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
    let (_, responsible, _) = units(&doc, &doc.tasks[2]);
    assert_eq!(responsible, ["市交通局"]);
}

#[test]
fn notice_header_metadata() {
    let doc = parse_document(
        "哈尔滨市人民政府办公厅关于印发\n\
         哈尔滨市某某工作方案的通知\n\
         哈政办发〔2024〕29号\n\
         各区、县(市)人民政府:\n\
         现将《哈尔滨市某某工作方案》印发给你们,请认真贯彻执行。\n\
         哈尔滨市人民政府办公厅\n\
         2024年9月23日\n\
         哈尔滨市某某工作方案\n\
         一、工作任务\n\
         1.推进改革。(责任单位:市发改委)\n",
    );
    assert_eq!(
        doc.meta.title.as_deref(),
        Some("哈尔滨市人民政府办公厅关于印发哈尔滨市某某工作方案的通知")
    );
    assert_eq!(doc.meta.doc_number.as_deref(), Some("哈政办发〔2024〕29号"));
    assert_eq!(doc.meta.date.as_deref(), Some("2024-09-23"));
    assert_eq!(doc.meta.year, Some(2024));
    assert_eq!(doc.meta.city.as_deref(), Some("哈尔滨市"));
}

#[test]
fn page_chrome_never_becomes_a_task() {
    let doc = parse_document(
        "首页 政务公开 网上办事 互动交流\n\
         当前位置:首页 > 政务公开 > 文件\n\
         一、工作任务\n\
         1.推进改革。(责任单位:市发改委)\n\
         2.扩大开放。(责任单位:市商务局)\n\
         【打印】【关闭】\n\
         上一篇:关于某某的通知\n\
         1.相关链接\n\
         版权所有:某市人民政府 技术支持:某公司\n",
    );
    assert_eq!(doc.tasks.len(), 2);
}

#[test]
fn a_deadline_and_a_unit_marked_lead_inside_the_annotation() {
    let doc = parse_document(
        "一、工作任务\n\
         1.建设智慧城市。(责任单位:市大数据局(牵头)、市财政局;完成时限:2024年12月底)\n",
    );
    let (lead, responsible, _) = units(&doc, &doc.tasks[0]);
    assert_eq!(lead, ["市大数据局"]);
    assert_eq!(responsible, ["市财政局"]);
    assert_eq!(doc.tasks[0].deadline.as_deref(), Some("2024年12月底"));
    assert_eq!(doc.tasks[0].text, "建设智慧城市。");
}

#[test]
fn items_under_requirements_headings_are_not_tasks_unless_they_name_units() {
    let doc = parse_document(
        "一、重点任务\n\
         1.推进改革。(责任单位:市发改委)\n\
         2.扩大开放。(责任单位:市商务局)\n\
         二、保障措施\n\
         1.加强组织领导。各地各部门要高度重视。\n\
         2.强化督查考核。(牵头单位:市政府督查室)\n",
    );
    let texts: Vec<&str> = doc.tasks.iter().map(|task| task.text.as_str()).collect();
    assert_eq!(texts, ["推进改革。", "扩大开放。", "强化督查考核。"]);
}

#[test]
fn page_numbers_from_a_pdf_do_not_break_a_task() {
    let doc = parse_document(
        "一、工作任务\n\
         1.加快推进城市更新,改造老旧小区120个,新建\n\
         — 3 —\n\
         城市绿道50公里。(责任单位:市住建局)\n",
    );
    assert_eq!(doc.tasks.len(), 1);
    assert_eq!(
        doc.tasks[0].text,
        "加快推进城市更新,改造老旧小区120个,新建城市绿道50公里。"
    );
}

#[test]
fn a_short_heading_that_ends_like_a_plan_is_still_a_heading() {
    let doc = parse_document(
        "某市2024年重点工作任务分解方案\n\
         一、扎实推进重点任务\n\
         1.推进改革。(责任单位:市发改委)\n\
         扎实推进重点任务\n\
         2.扩大开放。(责任单位:市商务局)\n",
    );
    assert_eq!(doc.plans.len(), 1);
    assert_eq!(doc.tasks.len(), 2);
}

#[test]
fn heading_lines_without_tabs_between_table_rows() {
    let doc = parse_document(
        "序号\t重点任务\t牵头单位\t配合单位\t完成时限\n\
         一、稳增长\n\
         1\t推动工业增长\t市工信局\t市财政局\t2024年12月\n\
         二、惠民生\n\
         \n\
         2\t扩大就业\t市人社局\t\t长期坚持\n\
         扩大消费\n\
         3\t举办购物节\t市商务局\t\t2024年10月\n\
         附件2\n\
         序号\t重点任务\t责任单位\n\
         1\t建设智慧城市\t市大数据局\n",
    );
    assert_eq!(numbers(&doc), [Some("1"), Some("2"), Some("3"), Some("1")]);
    assert_eq!(doc.section_path(doc.tasks[0].section), ["一、稳增长"]);
    assert_eq!(doc.section_path(doc.tasks[1].section), ["二、惠民生"]);
    assert_eq!(doc.tasks[1].deadline.as_deref(), Some("长期坚持"));
    assert_eq!(
        doc.section_path(doc.tasks[2].section),
        ["二、惠民生", "扩大消费"]
    );
    let (lead, _, _) = units(&doc, &doc.tasks[2]);
    assert_eq!(lead, ["市商务局"]);
    // A line before a new header row is not a heading of the old table.
    assert!(doc.sections.iter().all(|section| section.title != "附件2"));
    let (_, responsible, _) = units(&doc, &doc.tasks[3]);
    assert_eq!(responsible, ["市大数据局"]);
}

#[test]
fn verb_form_with_other_and_traditional_verbs() {
    let doc = parse_document(
        "一、重点任务\n\
         1.优化营商环境。(市发展改革委牵头,市市场监管局协同)\n\
         2.推进数字政府建设。(市大數據局牽頭,市財政局參與)\n",
    );
    let (lead, _, cooperating) = units(&doc, &doc.tasks[0]);
    assert_eq!(lead, ["市发展改革委"]);
    assert_eq!(cooperating, ["市市场监管局"]);
    assert_eq!(doc.tasks[0].text, "优化营商环境。");
    let (lead, _, cooperating) = units(&doc, &doc.tasks[1]);
    assert_eq!(lead, ["市大數據局"]);
    assert_eq!(cooperating, ["市財政局"]);
}

#[test]
fn a_table_numbering_its_tasks_in_the_name_cell_one_cell_a_paragraph() {
    let doc = parse_document(
        "表1:上半年主要指标完成情况\n\n类别\n\n指标名称\n\n年度目标\n\n完成情况\n\n责任部门\n\n\
         高质量发展\n\n1、地区生产总值增长率\n\n与市保持同步\n\n9.8%\n\n区发改委\n\n\
         2、四大重点培育产业占区级税收\n\n比重\n\n提升4个\n\n百分点\n\n提升3.89个百分点\n\n区科委\n\n区金融办\n\n\
         高品质生活\n\n3、城乡登记失业人数\n\n控制在\n\n10410人内\n\n7919人\n\n区人社局\n",
    );
    assert_eq!(numbers(&doc), [Some("1"), Some("2"), Some("3")]);
    assert!(
        doc.tasks[1]
            .text
            .starts_with("四大重点培育产业占区级税收比重")
    );
    assert_eq!(units(&doc, &doc.tasks[1]).1, ["区科委", "区金融办"]);
    assert_eq!(units(&doc, &doc.tasks[2]).1, ["区人社局"]);
    assert_eq!(
        doc.section_path(doc.tasks[0].section),
        ["表1:上半年主要指标完成情况"]
    );
}

#[test]
fn a_row_of_a_date_and_a_unit_adds_the_unit_to_the_task_above() {
    let doc = parse_document(
        "2021年新昌县政府民生实事进展情况登记表\n\
         项目名称 | 工作任务 | 计划完成时间 | 牵头单位 |\n\
         1.城市人居环境提升项目 | 对人民中路等3条城区道路进行综合提升改造; | 11月 | 建设局 |\n\
         2021.8 | 城投集团 | ||\n\
         2.生态公墓建设项目 | 新建生态公益性墓地15处。 | 10月底 | 民政局 |\n",
    );
    assert_eq!(numbers(&doc), [Some("1"), Some("2")]);
    assert_eq!(units(&doc, &doc.tasks[0]).0, ["建设局", "城投集团"]);
    assert_eq!(units(&doc, &doc.tasks[1]).0, ["民政局"]);
}

#[test]
fn a_description_paragraph_closing_a_numbered_task_with_its_units() {
    let doc = parse_document(
        "2007年市政府工作主要任务责任分解\n一、主要目标\n\
         1.地区生产总值增长12%。\n\
         全市生产总值达到3260亿元,增长12%。(市发改委)\n\
         2.社会消费零售总额增长13%。(市贸易局)\n",
    );
    assert_eq!(numbers(&doc), [Some("1"), Some("2")]);
    assert_eq!(units(&doc, &doc.tasks[0]).1, ["市发改委"]);
    assert_eq!(units(&doc, &doc.tasks[1]).1, ["市贸易局"]);
}

#[test]
fn sentences_that_each_assign_a_task_by_role_clauses() {
    let doc = parse_document(
        "6月14日下午,某县召开土地处置工作推进会。\n\
         为顺利完成目标任务,县长要求,由县发展和改革局牵头,县委党校、县自然资源局配合,在9月底前完成政务服务中心供地工作;\
         由丹凤街道牵头,县自然资源局配合,在12月底前完成荣海新区土地处置任务。其他涉及部门要积极配合。\n",
    );
    assert_eq!(doc.tasks.len(), 2);
    assert!(doc.tasks[0].text.starts_with("由县发展和改革局牵头"));
    let (lead, _, cooperating) = units(&doc, &doc.tasks[0]);
    assert_eq!(lead, ["县发展和改革局"]);
    assert_eq!(cooperating, ["县委党校", "县自然资源局"]);
    assert_eq!(units(&doc, &doc.tasks[1]).0, ["丹凤街道"]);
}

#[test]
fn sentences_opened_by_a_unit_and_its_verb() {
    let doc = parse_document(
        "据介绍,以项目所在镇划分,其中,石洞镇负责实施重点项目11个,已开工4个。\
         忠和镇负责实施商贸城等5个重点项目,全部开工。什川镇负责实施滑雪场等3个重点项目,完成投资1.1亿元。\n",
    );
    let firsts: Vec<&str> = doc.tasks.iter().map(|task| &task.text[..9]).collect();
    assert_eq!(firsts, ["石洞镇", "忠和镇", "什川镇"]);
    assert_eq!(units(&doc, &doc.tasks[1]).1, ["忠和镇"]);
}

#[test]
fn a_table_header_run_onto_the_cover_letter_and_rows_parted_by_spaces() {
    let doc = parse_document(
        "各部门: 现下达给你们,请认真组织实施. 附件:常熟市2018年政府工作任务分解表 序号 名称 工作任务 牵头责任单位\n\n\
         一、经济社会发展主要预期目标分解(11项)\n\n\
         1 地区生产总值增长7%以上,服务业增加值占GDP比重47.1%. 发改委\n\n\
         2 一般公共预算收入增长8%以上. 财政局\n\n\
         3 全社会固定资产投资额550亿元. 发改委、经信委\n",
    );
    assert_eq!(numbers(&doc), [Some("1"), Some("2"), Some("3")]);
    assert_eq!(units(&doc, &doc.tasks[0]).0, ["发改委"]);
    assert_eq!(units(&doc, &doc.tasks[2]).0, ["发改委", "经信委"]);
}

#[test]
fn qualified_labels_and_a_main_unit_beside_the_lead() {
    let doc = parse_document(
        "1.创建国家卫生县城。\n牵头责任单位:县卫健委\n主要协作单位:各乡镇人民政府、县政府有关部门\n\
         2.完善乡村文化设施。(牵头领导:朱华;牵头单位:市文化局;主办单位:市广电局、各县(市)及相关区政府)\n",
    );
    let (lead, _, cooperating) = units(&doc, &doc.tasks[0]);
    assert_eq!(lead, ["县卫健委"]);
    assert_eq!(cooperating, ["各乡镇人民政府", "县政府有关部门"]);
    let (lead, responsible, _) = units(&doc, &doc.tasks[1]);
    assert_eq!(lead, ["市文化局"]);
    assert_eq!(responsible, ["市广电局", "各县(市)及相关区政府"]);
}

#[test]
fn a_duty_list_without_numbers_after_a_lead_in() {
    let doc = parse_document(
        "4、各街道要组织人力在禁放区一侧设立明显禁放标志。\n\
         5、各部门要各司其职,组织好各项禁放工作。其职责分工为:\n\
         区委宣传部:制订宣传工作方案,教育群众自觉遵守禁放规定。\n\
         教委:负责在中小学校贯彻禁放规定。\n\
         公安分局:负责组织协调禁放日常工作。\n",
    );
    let duties: Vec<_> = doc
        .tasks
        .iter()
        .filter(|task| task.number.is_none())
        .map(|task| units(&doc, task).0)
        .collect();
    assert_eq!(duties, [["区委宣传部"], ["教委"], ["公安分局"]]);
    let duty = doc
        .tasks
        .iter()
        .find(|task| task.text.starts_with("教委:负责"));
    assert!(duty.is_some(), "{:#?}", doc.tasks);
    let section = duty
        .and_then(|task| task.section)
        .map(|section| doc.sections[section].title.as_str());
    assert_eq!(section, Some("5、各部门要各司其职,组织好各项禁放工作"));
}

#[test]
fn a_progress_table_whose_group_cell_spans_rows_and_page_metadata_below() {
    let doc = parse_document(
        "类别 | 民生事项名称 | 2022年度任务目标 | 责任单位 | 分管市领导 | 1-9月份工作完成情况 |\n\
         四、教育文化 | 14.改扩建泉山学校 | 完成泉山学校一期2座教学楼建设。 | 教育体育局 | 刘福利 | 完成主体建筑结构施工。 |\n\
         15.推进学校塑胶运动场地建设 | 完成罗峰学校塑胶运动场地建设。 | 教育体育局 | 刘福利 | 9月份开始施工。 | |\n\
         索引号: | 113706850042672474/2022-04772 | 成文日期: | 2022-10-08 |\n",
    );
    assert_eq!(numbers(&doc), [Some("14"), Some("15")], "{:#?}", doc.tasks);
    assert!(doc.tasks[0].text.starts_with("改扩建泉山学校完成"));
    assert!(
        doc.tasks[1]
            .text
            .starts_with("推进学校塑胶运动场地建设完成")
    );
    assert_eq!(units(&doc, &doc.tasks[1]).1, ["教育体育局"]);
}

#[test]
fn a_header_over_two_lines_a_row_of_totals_and_rows_wider_than_the_header() {
    let doc = parse_document(
        "類別 | 序號 | 項目名稱 | 2018年建設內容 | 年度計劃投資 | 2018年7月進展情況 | 責任單位 |\n\
         完成投資 | 投資完成率 | 實施情況 |\n\
         合計:11大類56個項目 | 511210 | 393942.9144 | 77.1% |\n\
         一、社保惠民 | 社保惠民5個項目合計 | 94148 | 88753.335 | 94.3% |\n\
         1 | 實施城鄉居民基本養老保險工程項目 | 支持城鄉居民參加基本養老保險。 | 40000 | 56280 | 140.7% | 參保121.92萬人。 | 市人社局 市財政局 各縣(市、區)政府 |\n",
    );
    assert_eq!(numbers(&doc), [Some("1")], "{:#?}", doc.tasks);
    assert!(
        doc.tasks[0]
            .text
            .starts_with("實施城鄉居民基本養老保險工程項目支持")
    );
    assert_eq!(
        units(&doc, &doc.tasks[0]).1,
        ["市人社局", "市財政局", "各縣(市、區)政府"]
    );
    let section = doc.tasks[0].section.map(|s| doc.sections[s].title.as_str());
    assert_eq!(section, Some("一、社保惠民"));
}

#[test]
fn a_last_sentence_of_units_and_verbs_labels_in_square_brackets_and_a_deadline_among_clauses() {
    let doc = parse_document(
        "一、经济发展\n\
         1.实施老旧小区改造10个。县住建局负责。\n\
         2.新建农村公路50公里。【牵头单位】县交通运输局【配合单位】各乡镇人民政府\n\
         3.完成造林1万亩。(县林业局牵头,各乡镇配合;完成时限:2024年12月底)\n\
         4.各地各部门要高度重视。切实加强领导。\n",
    );
    assert_eq!(doc.tasks[0].text, "实施老旧小区改造10个。");
    assert_eq!(units(&doc, &doc.tasks[0]).1, ["县住建局"]);
    let (lead, _, cooperating) = units(&doc, &doc.tasks[1]);
    assert_eq!(
        (lead, cooperating),
        (
            vec!["县交通运输局".to_string()],
            vec!["各乡镇人民政府".to_string()]
        )
    );
    let (lead, _, cooperating) = units(&doc, &doc.tasks[2]);
    assert_eq!(
        (lead, cooperating),
        (vec!["县林业局".to_string()], vec!["各乡镇".to_string()])
    );
    assert_eq!(doc.tasks[2].deadline.as_deref(), Some("2024年12月底"));
    assert_eq!(doc.tasks.len(), 3, "{:#?}", doc.tasks);
}

#[test]
fn annotated_items_at_several_levels_are_all_tasks() {
    let doc = parse_document(
        "一、教育\n\
         1.提升教育服务水平。\n\
         (1)新建幼儿园3所。(县教体局)\n\
         (2)改扩建中小学5所。(县教体局、县发改局)\n\
         2.开展全民健身活动。县文广旅局、县教体局按职责分工负责。\n\
         3.促进就业创业。\n\
         ①新增城镇就业3000人。(县人社局)\n\
         ②培训农民工2000人次。(县人社局、县农业农村局)\n\
         4.完成危房改造100户。(县住建局牵头)\n",
    );
    let texts: Vec<&str> = doc.tasks.iter().map(|task| task.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "新建幼儿园3所。",
            "改扩建中小学5所。",
            "开展全民健身活动。",
            "新增城镇就业3000人。",
            "培训农民工2000人次。",
            "完成危房改造100户。"
        ]
    );
    let section = |index: usize| {
        doc.tasks[index]
            .section
            .map(|section| doc.sections[section].title.as_str())
    };
    assert_eq!(section(1), Some("1.提升教育服务水平"));
    assert_eq!(section(2), Some("一、教育"));
    assert_eq!(section(5), Some("一、教育"));
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
}

#[test]
fn a_task_cell_ending_in_a_count_is_no_unit() {
    let doc = parse_document(
        "序号\n工作任务\n牵头单位\n责任单位\n完成时限\n\
         1\n新建幼儿园3所\n区教育局\n区住建局\n区财政局\n2023年9月\n\
         2\n改造老旧小区12个\n区住建局\n各街道办事处\n2023年12月\n",
    );
    assert_eq!(numbers(&doc), [Some("1"), Some("2")], "{:#?}", doc.tasks);
    assert_eq!(doc.tasks[0].text, "新建幼儿园3所");
    let (lead, responsible, _) = units(&doc, &doc.tasks[0]);
    assert_eq!(lead, ["区教育局"]);
    assert_eq!(responsible, ["区住建局", "区财政局"]);
}

#[test]
fn bullets_open_items_and_stay_out_of_their_text() {
    let doc = parse_document(
        "某县2024年为民办实事项目\n\
         ● 新建幼儿园3所。(县教体局)\n\
         ◆ 新建农村公路50公里。责任单位:县交通运输局\n",
    );
    let texts: Vec<&str> = doc.tasks.iter().map(|task| task.text.as_str()).collect();
    assert_eq!(texts, ["新建幼儿园3所。", "新建农村公路50公里。"]);
}

#[test]
fn a_table_written_in_markdown() {
    let doc = parse_document(
        "某县2024年民生实事项目清单\n\
         | 序号 | 项目名称 | 建设内容 | 牵头单位 | 责任单位 | 完成时限 |\n\
         | --- | --- | :---: | --- | --- | --- |\n\
         | 1 | 幼儿园建设 | 新建公办幼儿园3所 | 县教体局 | 县财政局、县自然资源局 | 2024年9月 |\n",
    );
    assert_eq!(numbers(&doc), [Some("1")]);
    let section = doc.tasks[0].section.map(|s| doc.sections[s].title.as_str());
    assert_eq!(section, Some("某县2024年民生实事项目清单"));
    assert_eq!(units(&doc, &doc.tasks[0]).0, ["县教体局"]);
}

#[test]
fn clauses_of_units_and_verbs_closing_a_task_after_a_comma() {
    let doc = parse_document(
        "某县2024年重点工作\n\
         1.新建幼儿园3所,由县教体局负责实施。\n\
         2.改造老旧小区12个,县住建局负责。\n\
         3.新建农村公路50公里,县交通运输局牵头,各乡镇配合。\n\
         4.完成造林1万亩,责任单位为县林业局。\n\
         5.推进营商环境改革,作为稳就业的重要举措。(责任单位:县发改委、县财政局(第一责任单位为牵头单位,下同))\n",
    );
    let texts: Vec<&str> = doc.tasks.iter().map(|task| task.text.as_str()).collect();
    assert_eq!(
        texts[..4],
        [
            "新建幼儿园3所",
            "改造老旧小区12个",
            "新建农村公路50公里",
            "完成造林1万亩"
        ]
    );
    assert_eq!(units(&doc, &doc.tasks[0]).1, ["县教体局"]);
    let (lead, _, cooperating) = units(&doc, &doc.tasks[2]);
    assert_eq!(lead, ["县交通运输局"]);
    assert_eq!(cooperating, ["各乡镇"]);
    assert_eq!(units(&doc, &doc.tasks[3]).1, ["县林业局"]);
    assert_eq!(units(&doc, &doc.tasks[4]).1, ["县发改委", "县财政局"]);
}

#[test]
fn officials_named_after_their_posts_in_verb_clauses() {
    let doc = parse_document(
        "某县2024年政府工作报告目标任务分解\n\
         1.全县地区生产总值增长7.5%左右。(县长张三负责,常务副县长李四协助;县发改局牵头,县统计局配合)\n",
    );
    let (lead, _, cooperating) = units(&doc, &doc.tasks[0]);
    assert_eq!(lead, ["县发改局"]);
    assert_eq!(cooperating, ["县统计局"]);
    assert_eq!(leaders(&doc, &doc.tasks[0]), ["张三", "李四"]);
}

#[test]
fn a_notice_title_is_shown_without_converter_pinyin() {
    let doc = parse_document(
        "關(guān)于印發(fā)2006年政府工作報(bào)告重點(diǎn)工作的通知\n\
         1.新建幼兒園3所。(市教育局)\n",
    );
    assert_eq!(
        doc.meta.title.as_deref(),
        Some("關于印發2006年政府工作報告重點工作的通知")
    );
}

#[test]
fn numbered_inline_heading_over_tasks_closed_by_their_own_brackets() {
    // An item whose first sentence is its heading, then tasks that each
    // close with a bracket, the last one's bracket on the next line.
    let text = "一、围绕中心工作,服务大局、深化主动公开\n\
                (一)提升共同富裕建设公开水平。高水平做好共同富裕领域信息公开工作,定期评估“共富班车”运行情况。(牵头单位:县发改局)常态化推进十大民生实事项目预算信息应公开尽公开。\n\
                (牵头单位:县财政局)\n\
                (二)提升优化营商环境公开水平。完善市场主体反映投资和工程建设项目审批问题的办理和反馈机制。(牵头单位:县发改局、县建设局)围绕市场主体全过程公正监管,加强反垄断等领域信息公开。(牵头单位:县市场监管局)\n";
    let doc = parse_document(text);
    let texts: Vec<&str> = doc.tasks.iter().map(|task| task.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "高水平做好共同富裕领域信息公开工作,定期评估“共富班车”运行情况。",
            "常态化推进十大民生实事项目预算信息应公开尽公开。",
            "完善市场主体反映投资和工程建设项目审批问题的办理和反馈机制。",
            "围绕市场主体全过程公正监管,加强反垄断等领域信息公开。",
        ]
    );
    assert_eq!(numbers(&doc), [None, None, None, None]);
    let leads: Vec<Vec<String>> = doc.tasks.iter().map(|task| units(&doc, task).0).collect();
    assert_eq!(
        leads,
        [
            vec!["县发改局".to_string()],
            vec!["县财政局".to_string()],
            vec!["县发改局".to_string(), "县建设局".to_string()],
            vec!["县市场监管局".to_string()],
        ]
    );
    assert_eq!(
        doc.section_path(doc.tasks[3].section),
        [
            "一、围绕中心工作,服务大局、深化主动公开",
            "(二)提升优化营商环境公开水平"
        ]
    );
}

#[test]
fn table_cells_in_verb_form_under_a_group_written_once() {
    // 工作任务 holds the group, written on its first row only; 具体要求 the
    // task; the unit cells name their roles by verbs.
    let text = "工作任务 | 具体要求 | 责任单位 |\n\
                (一)围绕建设法治政府全面推进政务公开 | 1.政府全体会议和常务会议讨论决定的事项应及时公开,以公开促进依法行政。 | 市政府办公室、市有关单位,各县(市、区)人民政府负责 |\n\
                2. 制定出台涉及公共利益、公众权益的政策文件,使政策执行更加阳光透明。 | 市法制局牵头,市有关单位,各县(市、区)人民政府负责 |\n\
                3. 结合政府机构改革和职能优化,做好政府部门权责清单调整和网上公开工作。 | 市编办牵头,市电子政务办配合 |\n";
    let doc = parse_document(text);
    assert_eq!(numbers(&doc), [Some("1"), Some("2"), Some("3")]);
    assert!(doc.tasks[1].text.starts_with("制定出台涉及公共利益"));
    assert_eq!(
        units(&doc, &doc.tasks[0]),
        (
            vec![],
            vec![
                "市政府办公室".to_string(),
                "市有关单位".to_string(),
                "各县(市、区)人民政府".to_string()
            ],
            vec![]
        )
    );
    assert_eq!(
        units(&doc, &doc.tasks[1]),
        (
            vec!["市法制局".to_string()],
            vec!["市有关单位".to_string(), "各县(市、区)人民政府".to_string()],
            vec![]
        )
    );
    assert_eq!(
        units(&doc, &doc.tasks[2]),
        (
            vec!["市编办".to_string()],
            vec![],
            vec!["市电子政务办".to_string()]
        )
    );
    for task in &doc.tasks {
        assert_eq!(
            doc.section_path(task.section),
            ["(一)围绕建设法治政府全面推进政务公开"]
        );
    }
}

#[test]
fn news_prose_of_unit_first_sentences_with_a_comma_after_the_verb() {
    let text = "同时,要求县级部门牵头实施好八大行动。即县水务局牵头,组织开展县级河流打击非法采砂专项行动。县环保局牵头,督促乡镇生活污水设施建设。县农委、畜牧局牵头,做好打击非法养鱼行为。县移民局牵头,做好消落区域库岸治理;县林业局牵头,做好沿江创面植被恢复。\n";
    let doc = parse_document(text);
    let texts: Vec<&str> = doc.tasks.iter().map(|task| task.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "县水务局牵头,组织开展县级河流打击非法采砂专项行动",
            "县环保局牵头,督促乡镇生活污水设施建设",
            "县农委、畜牧局牵头,做好打击非法养鱼行为",
            "县移民局牵头,做好消落区域库岸治理",
            "县林业局牵头,做好沿江创面植被恢复",
        ]
    );
    assert_eq!(
        units(&doc, &doc.tasks[2]).0,
        ["县农委".to_string(), "畜牧局".to_string()]
    );
}

#[test]
fn a_heading_names_a_person_with_the_body_of_the_post() {
    let text = "二、张盈军区政府党组成员牵头重点工作\n\
                1.推进数字政府建设,完成一批应用场景。\n\
                责任单位:区大数据局\n";
    let doc = parse_document(text);
    let assignment = doc.assignment_of(&doc.tasks[0]).expect("units");
    assert_eq!(assignment.leaders, ["张盈军"]);
    assert_eq!(assignment.responsible, ["区大数据局"]);
}

#[test]
fn a_table_cut_inside_its_last_unit_leaves_the_row_out() {
    let text = "序号\n\n项目名称\n\n项目内容\n\n牵头单位\n\n协同单位\n\n\
                1\n\n中小学校清廉阳光厨房建设\n\n对28所中小学校食堂安装数字化验收平台。\n\n区教体局\n\n区财政局\n\n\
                2\n\n新建1家公办普惠托育机构\n\n新增托班8个。\n\n区卫健局\n\n区住建局\n\n区机关事务";
    let doc = parse_document(text);
    assert_eq!(numbers(&doc), [Some("1")]);
    assert!(
        doc.warnings
            .iter()
            .any(|warning| warning.message.contains("left out as incomplete")),
        "{:?}",
        doc.warnings
    );
}

#[test]
fn a_field_label_glued_after_the_units_ends_them() {
    let text = "二、老旧小区改造项目\n\n牵头单位:县城管执法局\n\n责任单位:莲塘镇任务目标:2024年计划改造完成莲塘镇莲水巷、橡西巷今日家园等住宅小区。\n";
    let doc = parse_document(text);
    assert_eq!(
        units(&doc, &doc.tasks[0]),
        (
            vec!["县城管执法局".to_string()],
            vec!["莲塘镇".to_string()],
            vec![]
        )
    );
}

#[test]
fn a_short_compound_header_is_named_by_its_last_word() {
    let text = "一、专项整治安排表\n\
                专项整治行业名称 | 时间安排 | 责任单位 |\n\
                烟花爆竹 | 1月份 | 安监站 安监所 |\n\
                电力设施 | 3月份 | 电管所 |\n";
    let doc = parse_document(text);
    let texts: Vec<&str> = doc.tasks.iter().map(|task| task.text.as_str()).collect();
    assert_eq!(texts, ["烟花爆竹", "电力设施"]);
    assert_eq!(units(&doc, &doc.tasks[1]).1, ["电管所".to_string()]);
}

#[test]
fn a_ranking_of_places_holds_no_tasks() {
    let text = "一、各县区民生工程实施进度综合排名\n\
                1、金寨县;2、裕安区;3、霍山县;4、金安区。\n\
                二、部分项目进展情况\n\
                1、技能培训提升,牵头单位:市退役军人局。其中,退役军人技能培训提升进度较慢的为叶集区。\n\
                2、养老服务和智慧养老,牵头单位:市民政局。其中,高龄津贴发放进度较慢的为霍邱县。\n";
    let doc = parse_document(text);
    let texts: Vec<&str> = doc.tasks.iter().map(|task| task.text.as_str()).collect();
    assert_eq!(texts, ["技能培训提升", "养老服务和智慧养老"]);
}

#[test]
fn labels_glued_to_their_units_in_a_quoted_list() {
    let text = "“神丹工业园,责任单位畜牧局;潮汕食品创业园二期,责任单位开发区;锐腾综合物流园,责任单位李店镇、交通局……”3月18日,安陆市重点项目交办会上,35个重点项目明确了包保领导干部和相应责任单位。\n\
                各责任单位要加强与业主单位的联系和沟通,确保项目按进度完成建设任务。\n";
    let doc = parse_document(text);
    let texts: Vec<&str> = doc.tasks.iter().map(|task| task.text.as_str()).collect();
    assert_eq!(
        texts,
        ["神丹工业园", "潮汕食品创业园二期", "锐腾综合物流园"]
    );
    assert_eq!(
        units(&doc, &doc.tasks[2]).1,
        ["李店镇".to_string(), "交通局".to_string()]
    );
}

#[test]
fn a_table_one_cell_a_line_each_closed_by_its_bar() {
    let text = "2021年安康市安全生产专项整治三年行动工作任务清单\n\
                主要任务 |\n重点工作和要求 |\n责任单位 |\n完成时限 |\n完成进展 |\n\
                一、加强安全生产专项整治三年行动安排部署 |\n||||\n\
                (一)制定工作任务清单。 |\n\
                1.制定2021年全市安全生产专项整治三年行动工作任务清单,分解落实到县区、部门。 |\n\
                市安委办 (工作专班办公室) |\n1月20日前 |\n|\n\
                2.制定行业领域2021年安全生产专项整治三年行动工作任务清单,并报市安委办。 |\n\
                市级各专委会办公室、市生态环境局 |\n2月10日前 |\n|\n|\n";
    let doc = parse_document(text);
    assert_eq!(numbers(&doc), [Some("1"), Some("2")]);
    assert_eq!(
        units(&doc, &doc.tasks[0]).1,
        ["市安委办(工作专班办公室)".to_string()]
    );
    assert_eq!(
        units(&doc, &doc.tasks[1]).1,
        ["市级各专委会办公室".to_string(), "市生态环境局".to_string()]
    );
    assert_eq!(doc.tasks[1].deadline.as_deref(), Some("2月10日前"));
}

#[test]
fn a_table_run_together_on_one_line_is_not_read_but_named() {
    let row = "1 县政府认真贯彻落实国家关于爱国卫生工作的法规政策。 组织 管理 1.县政府建立爱卫会组织机构;2.各镇区建立爱卫会组织;3.有爱国卫生地方性法规。 爱卫办 各镇区 各单位";
    let text = format!(
        "| **县创建国家卫生县城任务分解表 国家卫生县城标准 工作内容及要求 牵头单位 责任单位 类型 序号 条款 类型 内容 一、爱国卫生组织管理 {row} {row} {row}\n"
    );
    let doc = parse_document(&text);
    assert!(doc.tasks.is_empty(), "{:#?}", doc.tasks);
    assert!(
        doc.warnings
            .iter()
            .any(|warning| warning.message.contains("run together on one line")),
        "{:?}",
        doc.warnings
    );
}

#[test]
fn numbered_items_with_their_roles_before_the_text_are_the_tasks() {
    let doc = parse_document(
        "一、治理畜牧业产品污染\n\
         (一)由省经贸委负责,省农业厅、环保局配合,加快省级无公害畜禽基地建设,确定一批基地。\n\
         (二)由省农业厅负责,省卫生厅配合,加强监管。\n",
    );
    assert_eq!(numbers(&doc), [Some("一"), Some("二")]);
    let (_, responsible, cooperating) = units(&doc, &doc.tasks[0]);
    assert_eq!(responsible, ["省经贸委"]);
    assert_eq!(cooperating, ["省农业厅", "环保局"]);
    assert_eq!(
        doc.section_path(doc.tasks[1].section),
        ["一、治理畜牧业产品污染"]
    );
}

#[test]
fn a_label_waits_for_its_units_on_the_next_line() {
    let doc = parse_document(
        "一、重点工作\n\
         1.建设城区河道水系,新改建城区公共厕所5座。\n\
         责任单位:\n\
         水务局、城管局、自然资源局\n\
         2.加大文化惠民力度。\n\
         牵头单位:文广旅局;配合单位:\n\
         县财政局\n",
    );
    assert_eq!(numbers(&doc), [Some("1"), Some("2")]);
    assert_eq!(
        units(&doc, &doc.tasks[0]).1,
        ["水务局", "城管局", "自然资源局"]
    );
    let (lead, _, cooperating) = units(&doc, &doc.tasks[1]);
    assert_eq!(lead, ["文广旅局"]);
    assert_eq!(cooperating, ["县财政局"]);
    assert_eq!(doc.section_path(doc.tasks[1].section), ["一、重点工作"]);
}

#[test]
fn a_secondary_label_ends_the_main_one() {
    let doc = parse_document(
        "一、经济发展\n\
         1.建设智慧城市。主要责任单位:县大数据局;次要责任单位:县工信局、县科技局\n\
         2.推进项目建设。主要责任单位:县发改局\n",
    );
    let (lead, responsible, _) = units(&doc, &doc.tasks[0]);
    assert_eq!(lead, ["县大数据局"]);
    assert_eq!(responsible, ["县工信局", "县科技局"]);
}

#[test]
fn role_clauses_with_a_deadline_or_a_leader_in_the_same_bracket() {
    let doc = parse_document(
        "一、着力扩大有效需求\n\
         1.稳定和扩大消费。(县委办、县政府办牵头,各乡镇、各部门按职责分工负责,2024年底前完成)\n\
         2.加强耕地保护。(省自然资源厅牵头,省农业农村厅等配合;分管副省长:王五)\n",
    );
    assert_eq!(numbers(&doc), [Some("1"), Some("2")]);
    assert_eq!(doc.tasks[0].text, "稳定和扩大消费。");
    assert_eq!(doc.tasks[0].deadline.as_deref(), Some("2024年底前完成"));
    let (lead, responsible, _) = units(&doc, &doc.tasks[0]);
    assert_eq!(lead, ["县委办", "县政府办"]);
    assert_eq!(responsible, ["各乡镇", "各部门"]);
    let (lead, _, cooperating) = units(&doc, &doc.tasks[1]);
    assert_eq!(lead, ["省自然资源厅"]);
    assert_eq!(cooperating, ["省农业农村厅"]);
    assert_eq!(leaders(&doc, &doc.tasks[1]), ["王五"]);
}

#[test]
fn a_bare_level_leader_label_names_the_leader() {
    let doc = parse_document(
        "一、扎实推动经济高质量发展\n\
         1.实施重点项目500个以上,完成投资1000亿元。\n\
         市领导:王某某\n\
         牵头单位:市发展改革委\n\
         责任单位:市财政局\n",
    );
    let assignment = doc
        .assignment_of(&doc.tasks[0])
        .cloned()
        .unwrap_or_default();
    assert_eq!(assignment.leaders, ["王某某"]);
    assert_eq!(assignment.lead, ["市发展改革委"]);
    assert_eq!(assignment.responsible, ["市财政局"]);
}

#[test]
fn a_heading_with_one_paragraph_and_its_block_line_is_the_task() {
    let doc = parse_document(
        "一、实事项目及责任分工\n\
         (一)教育提升工程\n\
         新建城区幼儿园2所,新增学位720个。\n\
         责任单位:县教育局\n\
         (二)医疗卫生工程\n\
         完成县人民医院门诊综合楼建设。\n\
         责任单位:县卫健局,县人民医院\n",
    );
    assert_eq!(numbers(&doc), [Some("一"), Some("二")]);
    assert!(
        doc.tasks[0].text.starts_with("教育提升工程"),
        "{}",
        doc.tasks[0].text
    );
    assert!(doc.tasks[0].text.contains("新建城区幼儿园2所"));
    assert_eq!(units(&doc, &doc.tasks[1]).1, ["县卫健局", "县人民医院"]);
    assert_eq!(
        doc.section_path(doc.tasks[0].section),
        ["一、实事项目及责任分工"]
    );
}

#[test]
fn a_line_naming_the_units_of_the_targets_above_it() {
    let doc = parse_document(
        "(一)跨越式发展目标。主要针对目标任务,包括8项。\n\
         1.地区生产总值增长15%;\n\
         2.第三产业增加值达到1000亿元;\n\
         2项目标的责任单位均为市发展改革委。\n\
         3.规模以上工业销售收入达到3000亿元;\n\
         该目标责任单位为市经委。\n\
         4.万元生产总值能耗下降5%;\n\
         该项目标责任单位为市发展改革委、统计局、经委。\n",
    );
    assert_eq!(numbers(&doc), [Some("1"), Some("2"), Some("3"), Some("4")]);
    assert_eq!(units(&doc, &doc.tasks[1]).1, ["市发展改革委"]);
    assert_eq!(units(&doc, &doc.tasks[2]).1, ["市经委"]);
    assert_eq!(
        units(&doc, &doc.tasks[3]).1,
        ["市发展改革委", "统计局", "经委"]
    );
}

#[test]
fn an_indicator_column_beside_the_tasks_groups_the_rows() {
    let doc = parse_document(
        "序号\n指标\n工作任务\n完成时限\n责任股室\n\
         1\n公共文化服务\n“两馆一站”免费开放服务人次较上年增长15%。\n12月底前\n文化宣传股\n\
         2\n全年组织开展文化下乡等惠民演出不少于100场。\n文化馆\n\
         3\n文化市场管理\n开展专项整治行动4次以上,查办案件不少于5件。\n执法大队\n",
    );
    assert_eq!(numbers(&doc), [Some("1"), Some("2"), Some("3")]);
    assert_eq!(
        doc.tasks[0].text,
        "“两馆一站”免费开放服务人次较上年增长15%。"
    );
    assert_eq!(doc.section_path(doc.tasks[1].section), ["公共文化服务"]);
    assert_eq!(units(&doc, &doc.tasks[2]).1, ["执法大队"]);
    assert_eq!(doc.section_path(doc.tasks[2].section), ["文化市场管理"]);
}

#[test]
fn units_of_a_level_one_a_line_are_names_of_their_own() {
    let doc = parse_document(
        "领域\n\n主要目标\n\n主要责任单位\n\n责任单位\n\n\
         1.妇女艾滋病、性病感染率得到控制。\n\n省卫生厅\n\n省人口计生\n\n省公安厅\n\n省妇联\n\n\
         2.妇女经常参加体育锻炼的人数比例提高。\n\n省体育局\n\n省教育厅\n\n省总工会\n",
    );
    let (lead, responsible, _) = units(&doc, &doc.tasks[0]);
    assert_eq!(lead, ["省卫生厅"]);
    assert_eq!(responsible, ["省人口计生", "省公安厅", "省妇联"]);
}

#[test]
fn items_numbered_as_the_first_item_of_a_list() {
    let doc = parse_document(
        "二、改善民生\n\
         第一项:新建农村公路50公里。责任单位:县交通局\n\
         第二项:改造农村危房200户。责任单位:县住建局\n",
    );
    assert_eq!(numbers(&doc), [Some("一"), Some("二")]);
    assert_eq!(doc.tasks[1].text, "改造农村危房200户。");
    assert_eq!(units(&doc, &doc.tasks[1]).1, ["县住建局"]);
}

#[test]
fn a_next_row_number_cut_off_after_the_units_is_no_part_of_a_name() {
    let doc = parse_document(
        "领域\n\n主要目标\n\n主要责任单位\n\n责任单位\n\n\
         1.妇女经常参加体育锻炼的人数比例提高。\n\n省体育局\n\n省教育厅\n\n\
         2.教育工作全面贯彻性别平等原则。\n\n省教育厅\n\n省人社厅\n\n省妇联\n\n3\n",
    );
    let (lead, responsible, _) = units(&doc, &doc.tasks[1]);
    assert_eq!(lead, ["省教育厅"]);
    assert_eq!(responsible, ["省人社厅", "省妇联"]);
}

#[test]
fn a_level_before_a_label_leaves_it_a_label() {
    let doc = parse_document(
        "一、聚焦产业发展\n\
         1.做大做强主导产业,全年工业总产值增长10%。\n\
         县级责任领导:张三\n\
         牵头单位:县工信局\n\
         责任单位:县发改局、各乡镇\n\
         2.加快文旅融合发展,接待游客500万人次。\n\
         县级责任领导:李四\n\
         牵头单位:县文旅局\n",
    );
    assert_eq!(numbers(&doc), [Some("1"), Some("2")]);
    let assignment = doc
        .assignment_of(&doc.tasks[0])
        .cloned()
        .unwrap_or_default();
    assert_eq!(assignment.leaders, ["张三"]);
    assert_eq!(assignment.lead, ["县工信局"]);
    assert_eq!(assignment.responsible, ["县发改局", "各乡镇"]);
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
}

#[test]
fn labels_with_their_characters_spaced() {
    let doc = parse_document(
        "一、重点工作\n\
         1.推进产业升级。牵 头 单 位:市工信局 配 合 单 位:市发改委\n\
         2.加强环境治理。\n\
         责 任 单 位:市生态环境局\n",
    );
    assert_eq!(numbers(&doc), [Some("1"), Some("2")]);
    assert_eq!(doc.tasks[0].text, "推进产业升级。");
    let (lead, _, cooperating) = units(&doc, &doc.tasks[0]);
    assert_eq!(lead, ["市工信局"]);
    assert_eq!(cooperating, ["市发改委"]);
    assert_eq!(units(&doc, &doc.tasks[1]).1, ["市生态环境局"]);
}

#[test]
fn units_leading_together_and_a_leader_after_the_body_of_the_post() {
    let doc = parse_document(
        "1.城镇新增就业5万人。(责任单位:市人社局 责任领导:市政府副市长王五)\n\
         2.实施“菜篮子”工程。(由市商务局、市农业农村局共同牵头)\n",
    );
    assert_eq!(numbers(&doc), [Some("1"), Some("2")]);
    assert_eq!(leaders(&doc, &doc.tasks[0]), ["王五"]);
    assert_eq!(units(&doc, &doc.tasks[1]).0, ["市商务局", "市农业农村局"]);
}

#[test]
fn the_name_of_a_form_field_is_no_part_of_the_task() {
    let doc = parse_document(
        "某市2024年十件民生实事\n\
         一、就业创业\n\
         目标任务:城镇新增就业3万人。\n\
         责任单位:市人社局\n\
         二、教育提升\n\
         目标任务:新建中小学5所,新增学位5000个。\n\
         责任单位:市教育局、市住建局\n",
    );
    assert_eq!(numbers(&doc), [Some("一"), Some("二")]);
    assert!(
        !doc.tasks.iter().any(|task| task.text.contains("目标任务")),
        "{:?}",
        doc.tasks.iter().map(|task| &task.text).collect::<Vec<_>>()
    );
    assert!(doc.tasks[1].text.contains("新建中小学5所"));
    assert_eq!(units(&doc, &doc.tasks[1]).1, ["市教育局", "市住建局"]);
}
