//! Everything a key can do in the dashboard.

use serde::Deserialize;

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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    General,
    Navigation,
    Filters,
    Review,
    Editing,
}

/// An action of the dashboard; keys map to actions through the keymap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Quit,
    Help,
    Warnings,
    NextPane,
    PrevPane,
    FocusCities,
    FocusSections,
    FocusTasks,
    FocusLeads,
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
    Suspend,
    Problems,
    Export,
    Accept,
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
    pub const ALL: [Action; 46] = [
        Action::Help,
        Action::Warnings,
        Action::Problems,
        Action::Export,
        Action::Suspend,
        Action::Quit,
        Action::NextPane,
        Action::PrevPane,
        Action::FocusCities,
        Action::FocusSections,
        Action::FocusTasks,
        Action::FocusLeads,
        Action::Up,
        Action::Down,
        Action::PageUp,
        Action::PageDown,
        Action::Top,
        Action::Bottom,
        Action::Collapse,
        Action::Expand,
        Action::Select,
        Action::Search,
        Action::DeptFilter,
        Action::CycleRole,
        Action::CycleKinds,
        Action::Compare,
        Action::PopFilter,
        Action::ClearFilters,
        Action::ToggleReviewed,
        Action::ToggleFlagged,
        Action::EditNote,
        Action::CycleReviewFilter,
        Action::Undo,
        Action::Orphans,
        Action::ReattachMark,
        Action::DropMark,
        Action::Accept,
        Action::Cancel,
        Action::CursorLeft,
        Action::CursorRight,
        Action::CursorHome,
        Action::CursorEnd,
        Action::DeleteBack,
        Action::DeleteForward,
        Action::CompletionUp,
        Action::CompletionDown,
    ];

    /// The help overlay's group for the action.
    pub fn group(self) -> Group {
        use Action::*;
        match self {
            Help | Warnings | Problems | Export | Suspend | Quit => Group::General,
            NextPane | PrevPane | FocusCities | FocusSections | FocusTasks | FocusLeads | Up
            | Down | PageUp | PageDown | Top | Bottom | Collapse | Expand => Group::Navigation,
            Select | Search | DeptFilter | CycleRole | CycleKinds | Compare | PopFilter
            | ClearFilters => Group::Filters,
            ToggleReviewed | ToggleFlagged | EditNote | CycleReviewFilter | Undo | Orphans
            | ReattachMark | DropMark => Group::Review,
            Accept | Cancel | CursorLeft | CursorRight | CursorHome | CursorEnd | DeleteBack
            | DeleteForward | CompletionUp | CompletionDown => Group::Editing,
        }
    }
}
