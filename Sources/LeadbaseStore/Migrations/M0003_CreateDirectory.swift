extension Migration {
    /// The global directory: people and companies as JSON documents, with the normalized columns
    /// the filter grammar searches (see `SearchColumns`).
    static let createDirectory = Migration(version: 3, name: "create directory") { dialect in
        let types = ColumnTypes(dialect)
        let list = types.textList
        var statements = [
            """
            CREATE TABLE companies (
                id \(types.uuid) PRIMARY KEY,
                doc TEXT NOT NULL,
                content_hash TEXT NOT NULL,
                name TEXT NOT NULL,
                linkedin_key TEXT,
                domain_key TEXT,
                name_words \(list),
                name_smart \(list),
                industry_key TEXT NOT NULL DEFAULT '',
                location_keys \(list),
                employee_count BIGINT,
                annual_revenue BIGINT,
                founded_year INTEGER,
                type_key TEXT NOT NULL DEFAULT '',
                technology_keys \(list),
                created_at \(types.timestamp) NOT NULL,
                updated_at \(types.timestamp) NOT NULL
            )
            """,
            "CREATE UNIQUE INDEX companies_by_linkedin ON companies (linkedin_key)",
            "CREATE INDEX companies_by_domain ON companies (domain_key)",
            "CREATE INDEX companies_by_industry ON companies (industry_key, id)",
            "CREATE INDEX companies_by_employee_count ON companies (employee_count)",
            "CREATE INDEX companies_by_revenue ON companies (annual_revenue)",
            "CREATE INDEX companies_by_founded_year ON companies (founded_year)",
            """
            CREATE TABLE people (
                id \(types.uuid) PRIMARY KEY,
                doc TEXT NOT NULL,
                content_hash TEXT NOT NULL,
                company_id \(types.uuid),
                linkedin_key TEXT,
                name_words TEXT NOT NULL DEFAULT '',
                name_smart TEXT NOT NULL DEFAULT '',
                title_words TEXT NOT NULL DEFAULT '',
                title_smart TEXT NOT NULL DEFAULT '',
                seniority_key TEXT NOT NULL DEFAULT '',
                department_keys \(list),
                location_keys \(list),
                skill_words \(list),
                skill_smart \(list),
                language_keys \(list),
                current_company_keys \(list),
                previous_company_keys \(list),
                social_keys \(list),
                keyword_words \(list),
                keyword_smart \(list),
                created_at \(types.timestamp) NOT NULL,
                updated_at \(types.timestamp) NOT NULL
            )
            """,
            "CREATE UNIQUE INDEX people_by_linkedin ON people (linkedin_key)",
            "CREATE INDEX people_by_company ON people (company_id, id)",
            "CREATE INDEX people_by_seniority ON people (seniority_key, id)",
        ]
        if dialect == .postgres {
            // Array filters (&&, @>) and word searches (LIKE '% word %') use these.
            statements += [
                "CREATE EXTENSION IF NOT EXISTS pg_trgm",
                "CREATE INDEX people_departments ON people USING GIN (department_keys)",
                "CREATE INDEX people_locations ON people USING GIN (location_keys)",
                "CREATE INDEX people_languages ON people USING GIN (language_keys)",
                "CREATE INDEX people_current_companies ON people USING GIN (current_company_keys)",
                "CREATE INDEX people_previous_companies ON people USING GIN (previous_company_keys)",
                "CREATE INDEX people_social ON people USING GIN (social_keys)",
                "CREATE INDEX people_name_smart ON people USING GIN (name_smart gin_trgm_ops)",
                "CREATE INDEX people_name_words ON people USING GIN (name_words gin_trgm_ops)",
                "CREATE INDEX people_title_words ON people USING GIN (title_words gin_trgm_ops)",
                "CREATE INDEX people_title_smart ON people USING GIN (title_smart gin_trgm_ops)",
                "CREATE INDEX companies_locations ON companies USING GIN (location_keys)",
                "CREATE INDEX companies_technologies ON companies USING GIN (technology_keys)",
            ]
        }
        return statements
    }
}
