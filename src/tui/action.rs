//! Everything a key can do in the dashboard.

use serde::Deserialize;
use strum::VariantArray;

/// Where a key binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Context {
    /// Browsing the panes.
    Normal,
    /// Typing in a search, department or note field.
    Input,
}

/// A group of actions in the help overlay.
#[derive(Debug, Clone, Copy, PartialEq, Eq, VariantArray)]
pub enum Group {
    General,
    Navigation,
    Filters,
    Review,
    Editing,
}

/// An action of the dashboard; keys map to actions through the keymap.
/// Declared in the order the help overlay lists them: [`Action::ALL`] is
/// this list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, VariantArray)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Help,
    Warnings,
    Problems,
    Export,
    OpenSource,
    CopyTask,
    Suspend,
    Quit,
    NextPane,
    PrevPane,
    FocusCities,
    FocusSections,
    FocusTasks,
    FocusLeads,
    FocusDetail,
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Collapse,
    Expand,
    Select,
    Search,
    DeptFilter,
    CycleRole,
    CycleKinds,
    Compare,
    PopFilter,
    ClearFilters,
    ToggleReviewed,
    ToggleFlagged,
    EditNote,
    CycleReviewFilter,
    Undo,
    Orphans,
    ReattachMark,
    DropMark,
    CycleSeverity,
    ToggleProblemScope,
    Accept,
    AcceptAndFlag,
    Cancel,
    CursorLeft,
    CursorRight,
    CursorHome,
    CursorEnd,
    DeleteBack,
    DeleteForward,
    CompletionUp,
    CompletionDown,
}

impl Action {
    /// Every action, in the order the help overlay lists them.
    pub const ALL: &'static [Action] = Action::VARIANTS;

    /// The help overlay's group for the action.
    pub fn group(self) -> Group {
        use Action::*;
        match self {
            Help | Warnings | Problems | Export | OpenSource | CopyTask | Suspend | Quit => {
                Group::General
            }
            NextPane | PrevPane | FocusCities | FocusSections | FocusTasks | FocusLeads
            | FocusDetail | Up | Down | PageUp | PageDown | Top | Bottom | Collapse | Expand => {
                Group::Navigation
            }
            Select | Search | DeptFilter | CycleRole | CycleKinds | Compare | PopFilter
            | ClearFilters => Group::Filters,
            ToggleReviewed | ToggleFlagged | EditNote | CycleReviewFilter | Undo | Orphans
            | ReattachMark | DropMark | CycleSeverity | ToggleProblemScope => Group::Review,
            Accept | AcceptAndFlag | Cancel | CursorLeft | CursorRight | CursorHome | CursorEnd
            | DeleteBack | DeleteForward | CompletionUp | CompletionDown => Group::Editing,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_is_listed_once_and_groups_follow_the_help_order() {
        let mut seen = std::collections::HashSet::new();
        assert!(Action::ALL.iter().all(|action| seen.insert(*action)));
        let groups: Vec<Group> = Action::ALL.iter().map(|action| action.group()).collect();
        let mut order = groups.clone();
        order.dedup();
        assert_eq!(
            order,
            Group::VARIANTS,
            "each group's actions together, in order"
        );
    }
}
