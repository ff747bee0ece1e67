import Foundation
import LeadbaseCore
import LeadbaseStore

/// A small directory whose every search answer can be worked out by hand.
enum DirectoryFixture {
    static let acme = UUID(uuidString: "c0000000-0000-4000-8000-000000000001")!
    static let globex = UUID(uuidString: "c0000000-0000-4000-8000-000000000002")!
    static let initech = UUID(uuidString: "c0000000-0000-4000-8000-000000000003")!

    // People ids sort in this order: jose < zoe < john < jane < joseS.
    static let jose = UUID(uuidString: "a0000000-0000-4000-8000-000000000001")!
    static let zoe = UUID(uuidString: "a0000000-0000-4000-8000-000000000002")!
    static let john = UUID(uuidString: "a0000000-0000-4000-8000-000000000003")!
    static let jane = UUID(uuidString: "a0000000-0000-4000-8000-000000000004")!
    static let joseS = UUID(uuidString: "a0000000-0000-4000-8000-000000000005")!

    static var companies: [Company] {
        var acme = Company(id: acme, name: "Acme Software")
        acme.domain = "acme.io"
        acme.linkedinUrl = "https://www.linkedin.com/company/acme"
        acme.industry = "Software Development"
        acme.employeeCount = 250
        acme.headcount = "201-500"
        acme.annualRevenue = 30_000_000
        acme.revenue = "$10M - $50M"
        acme.foundedYear = 2010
        acme.type = "PRIVATELY_HELD"
        acme.technologies = ["Salesforce", "AWS"]
        acme.description = "Acme builds rockets and payment rails."
        acme.specialties = ["Developer Tools", "Payments"]
        acme.socialMediaLinks = ["https://twitter.com/acme"]
        acme.location = .init(
            headquarter: .init(
                continent: "Europe", country: "Switzerland", state: "Zurich", city: "Zürich",
                coordinates: .init(lat: 47.3769, lng: 8.5417)), locations: [])
        var globex = Company(id: globex, name: "Globex Corporation")
        globex.domain = "globex.com"
        globex.industry = "financial services"
        globex.employeeCount = 5000
        globex.annualRevenue = 2_000_000_000
        globex.foundedYear = 1950
        globex.type = "PUBLIC_COMPANY"
        globex.technologies = ["AWS"]
        globex.summary = "A global conglomerate."
        globex.socialMediaLinks = ["https://www.facebook.com/globex"]
        globex.city = "New York"
        globex.state = "New York"
        globex.country = "United States"
        var initech = Company(id: initech, name: "Initech")
        initech.industry = "it services and it consulting"
        initech.city = "Berlin"
        initech.country = "Germany"
        return [acme, globex, initech]
    }

    static var people: [Person] {
        var jose = Person(id: jose, firstName: "José", lastName: "García")
        jose.jobTitle = "VP of Sales"
        jose.headline = "Revenue leader"
        jose.seniority = "vp"
        jose.departments = ["master_sales"]
        jose.subDepartments = ["sales"]
        jose.functions = ["business_development"]
        jose.city = "Zürich"
        jose.country = "Switzerland"
        jose.skills = ["Salesforce", "Cold Calling"]
        jose.languages = [.init(language: "Spanish", level: "NATIVE"), .init(language: "English", level: "PROFESSIONAL_WORKING")]
        jose.certifications = ["AWS Certified Solutions Architect"]
        jose.educations = [
            .init(
                institution: .init(name: "ETH Zürich"), degreeName: "Master of Science", fieldOfStudy: "Computer Science",
                dates: .init(start: "2008", end: "2010-06"))
        ]
        jose.companyId = acme
        jose.linkedinUrl = "https://www.linkedin.com/in/josegarcia"
        jose.emails = ["jose@acme.io"]
        jose.workExperiences = [
            .init(
                company: .init(id: globex.uuidString.lowercased(), name: "Globex Corporation"), dates: .init(start: "2015", end: "2019"),
                profilePositions: [])
        ]

        var zoe = Person(id: zoe, firstName: "Zoë", lastName: "Müller")
        zoe.jobTitle = "Director of Marketing"
        zoe.seniority = "director"
        zoe.departments = ["master_marketing"]
        zoe.city = "Berlin"
        zoe.country = "Germany"
        zoe.skills = ["SEO", "Content Strategy"]
        zoe.languages = [
            .init(language: "German", level: "Native or bilingual proficiency"), .init(language: "English", level: "ELEMENTARY"),
        ]
        zoe.companyId = initech
        zoe.socialMediaLinks = ["https://twitter.com/zoe"]
        zoe.certifications = ["Google Analytics Certification"]
        zoe.educations = [
            .init(
                institution: .init(name: "Technische Universität München"), degreeName: "Bachelor of Arts", fieldOfStudy: "Marketing",
                dates: .init(start: "2001", end: "2005"))
        ]

        var john = Person(id: john, firstName: "John", lastName: "Smith")
        john.jobTitle = "Senior Software Engineer"
        john.seniority = "senior"
        john.departments = ["master_engineering_technical"]
        john.city = "New York"
        john.state = "New York"
        john.country = "United States"
        john.skills = ["Swift", "PostgreSQL"]
        john.languages = [.init(language: "English", level: nil)]
        john.companyId = globex
        john.socialMediaLinks = ["https://www.instagram.com/johnsmith"]
        john.educations = [
            .init(
                institution: .init(name: "MIT"), degreeName: "Bachelor of Science", fieldOfStudy: "Computer Science",
                dates: .init(start: "2000", end: nil))
        ]

        var jane = Person(id: jane, firstName: "Jane", lastName: "Doe")
        jane.city = "London"
        jane.country = "United Kingdom"

        var joseS = Person(id: joseS, firstName: "Jose", lastName: "Smithson")
        joseS.jobTitle = "Sales Manager"
        joseS.seniority = "manager"
        joseS.departments = ["master_sales"]
        joseS.functions = ["sales"]
        joseS.city = "San Francisco"
        joseS.state = "California"
        joseS.country = "United States"
        joseS.skills = ["Salesforce"]
        joseS.companyId = acme
        return [jose, zoe, john, jane, joseS]
    }

    static func load(into database: Database) async throws {
        let store = SQLDirectoryStore(database: database)
        _ = try await store.upsert(companies: companies)
        _ = try await store.upsert(people: people)
    }
}
