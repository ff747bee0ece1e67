import Foundation
import LeadbaseCore
import SQLKit

extension Migration {
    /// The search columns of the filter keys Lance documents beyond the first ones (certifications,
    /// headline and keyword sources, languages with their level, social platforms, education; a
    /// company's name alone, industry as text, keywords, social platforms). `keyword_*` of people
    /// goes: `keyword` now reads the title, headline, skill and certification columns. Language
    /// names move from keys to texts (`language_words`). The new columns of the rows already stored
    /// are computed from their documents, in this migration's transaction.
    static let searchEveryLanceKey = Migration(
        version: 14, name: "search every lance key",
        statements: { dialect in
            let list = ColumnTypes(dialect).textList
            let text = "TEXT NOT NULL DEFAULT ''"
            let people = [
                ("headline_words", text), ("headline_smart", text), ("certification_words", list), ("certification_smart", list),
                ("language_words", list), ("language_smart", list), ("social_platform_keys", list), ("school_words", list),
                ("school_smart", list), ("degree_words", list), ("degree_smart", list), ("field_of_study_words", list),
                ("field_of_study_smart", list), ("education_year_keys", list),
            ]
            let companies = [
                ("name_only_words", text), ("name_only_smart", text), ("industry_words", text), ("industry_smart", text),
                ("keyword_words", list), ("keyword_smart", list), ("social_platform_keys", list),
            ]
            var statements =
                people.map { "ALTER TABLE people ADD COLUMN \($0.0) \($0.1)" }
                + companies.map { "ALTER TABLE companies ADD COLUMN \($0.0) \($0.1)" }
                + ["keyword_words", "keyword_smart", "language_keys"].map { "ALTER TABLE people DROP COLUMN \($0)" }
            if dialect == .postgres {
                // As migrations 8 and 10 set the columns there were then.
                statements += [
                    alterVariableLengthColumns(of: "people", "SET STORAGE MAIN"),
                    alterVariableLengthColumns(of: "people", "SET COMPRESSION lz4", unlessUnsupported: true),
                    alterVariableLengthColumns(of: "companies", "SET COMPRESSION lz4", unlessUnsupported: true),
                ]
            }
            return statements
        },
        backfill: { sql, dialect in
            try await SearchColumnBackfill.people(sql, dialect)
            try await SearchColumnBackfill.companies(sql, dialect)
        })
}

/// Fills the columns migration 14 added for the rows stored before it, a page at a time.
enum SearchColumnBackfill {
    static func people(_ sql: any SQLDatabase, _ dialect: SQLDialectKind) async throws {
        try await RowRewrite.rewrite(
            "people", sql, dialect,
            columns: [
                "headline_words", "headline_smart", "certification_words", "certification_smart", "language_words", "language_smart",
                "social_platform_keys", "school_words", "school_smart", "degree_words", "degree_smart", "field_of_study_words",
                "field_of_study_smart", "education_year_keys",
            ]
        ) { document, _ in
            let columns = PersonSearchColumns(
                try DirectoryDocuments.decode(Person.self, from: document), linkedinKey: nil, companyName: nil)
            return [
                .text(columns.headlineWords), .text(columns.headlineSmart), .list(columns.certificationWords),
                .list(columns.certificationSmart), .list(columns.languageWords), .list(columns.languageSmart),
                .list(columns.socialPlatformKeys), .list(columns.schoolWords), .list(columns.schoolSmart), .list(columns.degreeWords),
                .list(columns.degreeSmart), .list(columns.fieldOfStudyWords), .list(columns.fieldOfStudySmart),
                .list(columns.educationYearKeys),
            ]
        }
    }

    static func companies(_ sql: any SQLDatabase, _ dialect: SQLDialectKind) async throws {
        try await RowRewrite.rewrite(
            "companies", sql, dialect,
            columns: [
                "name_only_words", "name_only_smart", "industry_words", "industry_smart", "keyword_words", "keyword_smart",
                "social_platform_keys",
            ]
        ) { document, _ in
            let columns = CompanySearchColumns(try DirectoryDocuments.decode(Company.self, from: document))
            return [
                .text(columns.nameOnlyWords), .text(columns.nameOnlySmart), .text(columns.industryWords), .text(columns.industrySmart),
                .list(columns.keywordWords), .list(columns.keywordSmart), .list(columns.socialPlatformKeys),
            ]
        }
    }
}
