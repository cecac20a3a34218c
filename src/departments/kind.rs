//! What sort of body a unit is: a city department, a lower-level government,
//! a company, a coordinating group, or something else.

use serde::Serialize;

use crate::lexicon::{List, lexicon};

/// What sort of body a unit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum UnitKind {
    /// A department of the city government or a body of the same standing:
    /// 人社局, 税务局, 消防救援支队, 妇联.
    Department,
    /// A government below the city: 各县(市)区政府, 龙沙区, 玉泉街道办事处.
    LowerGovernment,
    /// A (mostly state-owned) company: 城投建设发展有限公司, 供电公司, 水务集团.
    Company,
    /// A coordinating body made of other units: …领导小组成员单位.
    CoordinatingGroup,
    /// Anything else: 职业技术学院, 医院, 相关供热企业.
    Other,
}

impl UnitKind {
    /// All kinds, in the order they are shown.
    pub const ALL: [UnitKind; 5] = [
        UnitKind::Department,
        UnitKind::LowerGovernment,
        UnitKind::Company,
        UnitKind::CoordinatingGroup,
        UnitKind::Other,
    ];

    /// The lowercase English name used in the alias table, on the command
    /// line and in exports.
    pub fn name(self) -> &'static str {
        match self {
            UnitKind::Department => "department",
            UnitKind::LowerGovernment => "lower-government",
            UnitKind::Company => "company",
            UnitKind::CoordinatingGroup => "coordinating-group",
            UnitKind::Other => "other",
        }
    }

    /// The Chinese label shown to a reviewer.
    pub fn label(self) -> &'static str {
        match self {
            UnitKind::Department => "部门",
            UnitKind::LowerGovernment => "下级政府",
            UnitKind::Company => "企业",
            UnitKind::CoordinatingGroup => "议事协调机构",
            UnitKind::Other => "其他",
        }
    }

    /// The kind whose [`UnitKind::name`] is `name`.
    pub fn from_name(name: &str) -> Option<UnitKind> {
        UnitKind::ALL.into_iter().find(|kind| kind.name() == name)
    }
}

/// The kind of a unit, from its name alone (best with the canonical name,
/// which carries no city prefix).
pub fn classify(name: &str) -> UnitKind {
    if is_coordinating_group(name) {
        UnitKind::CoordinatingGroup
    } else if ends_with_any(name, List::CompanySuffix) {
        UnitKind::Company
    } else if is_lower_government(name) {
        UnitKind::LowerGovernment
    } else if ends_with_any(name, List::DepartmentSuffix)
        || ends_with_any(name, List::JudicialSuffix)
    {
        UnitKind::Department
    } else {
        UnitKind::Other
    }
}

/// True for …领导小组成员单位, …联席办公室, …指挥部.
fn is_coordinating_group(name: &str) -> bool {
    lexicon().holds(List::CoordinatingWord, name) || ends_with_any(name, List::CoordinatingSuffix)
}

/// True for a named or collective government below the city, a street
/// office, or a bare place name.
fn is_lower_government(name: &str) -> bool {
    ends_with_any(name, List::StreetOfficeSuffix)
        || governed_place(name).is_some_and(|place| !place.is_empty() && place != "市")
        || is_place_name(name)
}

/// The part before 人民政府 / 政府, when `name` is a government's name.
pub(super) fn governed_place(name: &str) -> Option<&str> {
    lexicon()
        .list(List::GovernmentSuffix)
        .iter()
        .find_map(|suffix| name.strip_suffix(suffix.as_str()))
}

/// True when `name` ends like a place (区, 县, 市, 镇, 乡, 旗) and is longer
/// than that one character.
pub(super) fn is_place_name(name: &str) -> bool {
    let mut chars = name.chars();
    let ends_like_place = chars.next_back().is_some_and(|c| lexicon().is_place_end(c));
    ends_like_place && chars.next().is_some()
}

/// True when `name` ends with one of `suffixes`.
fn ends_with_any(name: &str, suffixes: List) -> bool {
    lexicon().ending_in(suffixes, name).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lower_governments() {
        for name in [
            "各县(市)区政府",
            "各县市区人民政府",
            "各区县(市)政府",
            "玉泉街道办事处",
            "各街道办事处",
            "各镇人民政府",
            "镇人民政府",
            "轵城镇人民政府",
            "北三区政府",
            "富拉尔基区",
            "龙沙区",
            "赤壁市",
        ] {
            assert_eq!(classify(name), UnitKind::LowerGovernment, "{name}");
        }
    }

    #[test]
    fn companies() {
        for name in [
            "城投建设发展有限公司",
            "水利建设投资有限责任公司",
            "投资集团有限公司",
            "水务集团",
            "供电公司",
            "国网哈尔滨供电公司",
        ] {
            assert_eq!(classify(name), UnitKind::Company, "{name}");
        }
    }

    #[test]
    fn coordinating_groups() {
        for name in [
            "市根治拖欠农民工工资工作领导小组成员单位",
            "市政府残疾人工作委员会成员单位",
            "健康咸宁建设工作领导小组成员单位",
            "信访联席办公室",
        ] {
            assert_eq!(classify(name), UnitKind::CoordinatingGroup, "{name}");
        }
    }

    #[test]
    fn departments() {
        for name in [
            "人社局",
            "卫生健康委员会",
            "规委办",
            "政府办公室",
            "体育事业发展中心",
            "交警支队",
            "妇女联合会",
            "玉川片区管理办公室",
            "中级人民法院",
        ] {
            assert_eq!(classify(name), UnitKind::Department, "{name}");
        }
    }

    #[test]
    fn others() {
        for name in ["职业技术学院", "相关供热企业", "人民医院", "人民政府"] {
            assert_eq!(classify(name), UnitKind::Other, "{name}");
        }
    }

    #[test]
    fn names_round_trip() {
        for kind in UnitKind::ALL {
            assert_eq!(UnitKind::from_name(kind.name()), Some(kind));
        }
        assert_eq!(UnitKind::from_name("ministry"), None);
    }
}
