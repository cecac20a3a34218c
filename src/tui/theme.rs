//! Colours and text styles; with `NO_COLOR` set, only bold, reverse and
//! underline are used.

use ratatui::style::{Color, Modifier, Style};

/// The styles the dashboard draws with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub border: Style,
    pub border_focused: Style,
    pub title: Style,
    pub selected: Style,
    pub selected_unfocused: Style,
    pub dim: Style,
    pub matched: Style,
    pub chip: Style,
    pub key: Style,
    pub warning: Style,
    pub lead: Style,
    pub bar: Style,
    pub active: Style,
    pub flagged: Style,
    pub reviewed: Style,
    /// The cells of the compare view, from few tasks to the most.
    pub shades: [Style; 4],
    /// A section mark in the Tasks pane.
    pub section: Style,
}

impl Theme {
    /// The theme for this environment: plain when `no_color` is set.
    pub fn new(no_color: bool) -> Self {
        if no_color {
            Self::plain()
        } else {
            Self::colored()
        }
    }

    /// Whether the `NO_COLOR` convention asks for no colour (set and not empty).
    pub fn no_color_requested(value: Option<&str>) -> bool {
        value.is_some_and(|value| !value.is_empty())
    }

    fn colored() -> Self {
        Self {
            border: Style::new().fg(Color::DarkGray),
            border_focused: Style::new().fg(Color::Cyan),
            title: Style::new().add_modifier(Modifier::BOLD),
            selected: Style::new().bg(Color::Cyan).fg(Color::Black),
            selected_unfocused: Style::new().bg(Color::DarkGray).fg(Color::White),
            dim: Style::new().fg(Color::DarkGray),
            matched: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            chip: Style::new().bg(Color::Blue).fg(Color::White),
            key: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            warning: Style::new().fg(Color::Yellow),
            lead: Style::new().fg(Color::Green),
            bar: Style::new().fg(Color::Green),
            active: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            flagged: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            reviewed: Style::new().fg(Color::Green),
            shades: [
                Style::new().bg(Color::Indexed(17)).fg(Color::White),
                Style::new().bg(Color::Indexed(19)).fg(Color::White),
                Style::new().bg(Color::Indexed(26)).fg(Color::White),
                Style::new()
                    .bg(Color::Indexed(33))
                    .fg(Color::White)
                    .add_modifier(Modifier::BOLD),
            ],
            section: Style::new().fg(Color::Magenta),
        }
    }

    fn plain() -> Self {
        let none = Style::new();
        Self {
            border: none,
            border_focused: none.add_modifier(Modifier::BOLD),
            title: none.add_modifier(Modifier::BOLD),
            selected: none.add_modifier(Modifier::REVERSED),
            selected_unfocused: none.add_modifier(Modifier::UNDERLINED),
            dim: none,
            matched: none.add_modifier(Modifier::UNDERLINED | Modifier::BOLD),
            chip: none.add_modifier(Modifier::REVERSED),
            key: none.add_modifier(Modifier::BOLD),
            warning: none.add_modifier(Modifier::BOLD),
            lead: none,
            bar: none,
            active: none.add_modifier(Modifier::BOLD),
            flagged: none.add_modifier(Modifier::BOLD),
            reviewed: none,
            shades: [
                none,
                none,
                none.add_modifier(Modifier::BOLD),
                none.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            ],
            section: none.add_modifier(Modifier::ITALIC),
        }
    }
}
