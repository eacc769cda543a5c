//! The components, one per file; each reads the workspace from context and dispatches [`crate::ui::state::Action`]s.

mod claims;
mod empty_state;
mod entities;
mod export_menu;
mod figure_chart;
mod figures;
mod item_panel;
mod notices;
mod reader;
mod similarity;
mod source_item;
mod sources;
mod status;
mod tabs;
mod timeline;

pub use claims::ClaimsView;
pub use empty_state::EmptyState;
pub use entities::EntitiesView;
pub use export_menu::ExportMenu;
pub use figure_chart::FigureChart;
pub use figures::FiguresView;
pub use item_panel::ItemPanel;
pub use notices::Notices;
pub use reader::ReaderView;
pub use similarity::SimilarityView;
pub use source_item::SourceItem;
pub use sources::SourcesPanel;
pub use status::Status;
pub use tabs::Tabs;
pub use timeline::TimelineView;
