/** Each LA's settings for school-to-school support (migration 0027). */
export interface BrokerageSettingsTable {
	/** The LA these belong to, or '' for the installation's own, used by every LA without its own. */
	la_code: string;
	/** How many schools one supporter takes at a time. */
	capacity: number;
	/** The farthest a supporter may be, in a straight line, in km. */
	max_distance_km: number;
	/** The categories that may support, best first, as a JSON array of category ids. */
	supporting_categories_json: string;
	/** 1 when this LA's schools may support, and be supported by, another LA that allows it too. */
	allow_other_las: number;
	updated_at: string;
	updated_by: number | null;
}

export interface BrokerageSettingsTables {
	brokerage_settings: BrokerageSettingsTable;
}
