import LeadbaseCore

/// The words the synthetic directory is made of: real places, LinkedIn's industry labels, the
/// seniority and department values of the filter grammar, and names from many countries.
enum SeedVocabulary {
    static let firstNames = [
        "James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "David", "Elizabeth",
        "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Charles", "Karen",
        "Daniel", "Nancy", "Matthew", "Lisa", "Anthony", "Betty", "Mark", "Sandra", "Steven", "Ashley",
        "José", "María", "Zoë", "Søren", "François", "Chloé", "Jürgen", "Björn", "Łukasz", "Ana",
        "Wei", "Mei", "Hiroshi", "Yuki", "Priya", "Arjun", "Fatima", "Omar", "Olga", "Ivan",
        "Lucas", "Emma", "Noah", "Olivia", "Liam", "Sophia", "Mateo", "Camila", "Luca", "Giulia",
        "Aisha", "Kwame", "Ngozi", "Tariq", "Leila", "Sven", "Ingrid", "Mikael", "Anaïs", "Renée",
    ]

    static let lastNames = [
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
        "Hernández", "López", "González", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin",
        "Lee", "Pérez", "Thompson", "White", "Harris", "Sánchez", "Clark", "Ramírez", "Lewis", "Robinson",
        "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Dubois", "Lefèvre", "Moreau", "Rossi", "Russo",
        "Nielsen", "Jensen", "Andersson", "Johansson", "Kowalski", "Nowak", "Novák", "Ivanov", "Petrov", "Smirnov",
        "Wang", "Li", "Zhang", "Chen", "Tanaka", "Suzuki", "Kim", "Park", "Patel", "Sharma",
        "Okafor", "Mensah", "Haddad", "Khan", "Silva", "Santos", "Oliveira", "Costa", "O'Brien", "García-López",
    ]

    /// (city, state or region, country)
    static let places: [(String, String, String)] = [
        ("San Francisco", "California", "United States"), ("New York", "New York", "United States"),
        ("Austin", "Texas", "United States"), ("Seattle", "Washington", "United States"),
        ("Boston", "Massachusetts", "United States"), ("Chicago", "Illinois", "United States"),
        ("Denver", "Colorado", "United States"), ("Atlanta", "Georgia", "United States"),
        ("Miami", "Florida", "United States"), ("Los Angeles", "California", "United States"),
        ("Toronto", "Ontario", "Canada"), ("Montréal", "Quebec", "Canada"), ("Vancouver", "British Columbia", "Canada"),
        ("London", "England", "United Kingdom"), ("Manchester", "England", "United Kingdom"), ("Edinburgh", "Scotland", "United Kingdom"),
        ("Dublin", "Leinster", "Ireland"), ("Paris", "Île-de-France", "France"), ("Lyon", "Auvergne-Rhône-Alpes", "France"),
        ("Berlin", "Berlin", "Germany"), ("München", "Bavaria", "Germany"), ("Hamburg", "Hamburg", "Germany"),
        ("Zürich", "Zurich", "Switzerland"), ("Genève", "Geneva", "Switzerland"), ("Amsterdam", "North Holland", "Netherlands"),
        ("Stockholm", "Stockholm", "Sweden"), ("København", "Capital Region", "Denmark"), ("Oslo", "Oslo", "Norway"),
        ("Madrid", "Community of Madrid", "Spain"), ("Barcelona", "Catalonia", "Spain"), ("Lisboa", "Lisbon", "Portugal"),
        ("Milano", "Lombardy", "Italy"), ("Warszawa", "Masovia", "Poland"), ("Praha", "Prague", "Czechia"),
        ("São Paulo", "São Paulo", "Brazil"), ("Ciudad de México", "Mexico City", "Mexico"), ("Buenos Aires", "Buenos Aires", "Argentina"),
        ("Bengaluru", "Karnataka", "India"), ("Mumbai", "Maharashtra", "India"), ("Singapore", "Singapore", "Singapore"),
        ("Tokyo", "Tokyo", "Japan"), ("Seoul", "Seoul", "South Korea"), ("Sydney", "New South Wales", "Australia"),
        ("Melbourne", "Victoria", "Australia"), ("Tel Aviv", "Tel Aviv District", "Israel"), ("Dubai", "Dubai", "United Arab Emirates"),
        ("Lagos", "Lagos", "Nigeria"), ("Nairobi", "Nairobi", "Kenya"), ("Cape Town", "Western Cape", "South Africa"),
    ]

    static let industries = [
        "software development", "it services and it consulting", "staffing and recruiting", "financial services",
        "hospital and health care", "retail", "manufacturing", "marketing services", "real estate", "construction",
        "higher education", "banking", "insurance", "telecommunications", "biotechnology research",
        "pharmaceutical manufacturing", "computer and network security", "advertising services", "e-learning providers",
        "logistics and supply chain", "food and beverage services", "automotive", "venture capital and private equity principals",
        "business consulting and services", "internet marketplace platforms", "technology, information and internet",
        "human resources services", "legal services", "accounting", "renewable energy semiconductor manufacturing",
    ]

    static let seniorities = [
        "founder", "owner", "partner", "c_suite", "vp", "director", "head", "manager", "senior", "mid-level", "entry", "intern",
    ]
    /// How often each seniority occurs, in the order above: few founders, many individual contributors.
    static let seniorityWeights = [2, 1, 1, 3, 4, 7, 4, 14, 22, 25, 14, 3]

    /// (department, sub-departments, functions, title noun)
    static let departments: [(String, [String], [String], String)] = [
        ("master_sales", ["sales", "account_management", "sales_operations"], ["business_development", "sales"], "Sales"),
        ("master_marketing", ["marketing", "product_marketing", "demand_generation"], ["marketing", "content"], "Marketing"),
        (
            "master_engineering_technical", ["software_development", "devops", "data_engineering"],
            ["engineering", "software_development"], "Engineering"
        ),
        ("master_operations", ["operations", "supply_chain", "procurement"], ["operations"], "Operations"),
        ("master_finance", ["finance", "accounting", "investor_relations"], ["finance"], "Finance"),
        ("master_human_resources", ["recruiting", "people_operations", "talent_acquisition"], ["human_resources"], "People"),
        ("master_information_technology", ["it", "security", "infrastructure"], ["information_technology"], "IT"),
        ("master_product_management", ["product_management", "product_design"], ["product_management"], "Product"),
        ("master_customer_success", ["customer_success", "support"], ["customer_service"], "Customer Success"),
        ("master_legal", ["legal", "compliance"], ["legal"], "Legal"),
    ]

    static let skills = [
        "Salesforce", "HubSpot", "Negotiation", "Lead Generation", "SaaS", "B2B Marketing", "SEO", "Content Strategy",
        "Python", "Swift", "Java", "Kubernetes", "PostgreSQL", "Machine Learning", "Data Analysis", "SQL",
        "Financial Modeling", "Budgeting", "Recruiting", "Talent Management", "Project Management", "Agile",
        "Product Strategy", "User Research", "Customer Retention", "Public Speaking", "Leadership", "Go-to-Market Strategy",
        "Cold Calling", "Account-Based Marketing", "Cybersecurity", "Cloud Computing", "Supply Chain Management", "Contract Law",
    ]

    static let certifications = [
        "AWS Certified Solutions Architect", "Certified Scrum Master", "PMP", "Google Analytics Certification",
        "HubSpot Inbound Marketing", "Salesforce Certified Administrator", "CFA", "CPA", "SHRM-CP", "CISSP",
        "Certified Kubernetes Administrator", "Six Sigma Green Belt", "ITIL Foundation", "Professional Scrum Product Owner",
    ]

    static let specialties = [
        "SaaS", "Cloud Infrastructure", "Data Analytics", "Machine Learning", "E-commerce", "Payments", "Cybersecurity",
        "Digital Marketing", "Customer Experience", "Supply Chain", "Fintech", "Healthcare IT", "Developer Tools", "Consulting",
    ]

    static let languages = [
        "English", "Spanish", "French", "German", "Portuguese", "Italian", "Mandarin", "Japanese", "Hindi", "Arabic", "Dutch", "Swedish",
        "Polish", "Russian", "Korean",
    ]
    static let languageLevels = ["NATIVE_OR_BILINGUAL", "FULL_PROFESSIONAL", "PROFESSIONAL_WORKING", "LIMITED_WORKING", "ELEMENTARY"]

    static let companyTypes = [
        "PRIVATELY_HELD", "PUBLIC_COMPANY", "SELF_OWNED", "PARTNERSHIP", "NON_PROFIT", "EDUCATIONAL", "GOVERNMENT_AGENCY", "SELF_EMPLOYED",
    ]
    static let companyTypeWeights = [60, 10, 8, 6, 6, 4, 3, 3]

    static let technologies = [
        "Salesforce", "HubSpot", "Google Analytics", "AWS", "Microsoft Azure", "Google Cloud", "Stripe", "Shopify",
        "Zendesk", "Intercom", "Slack", "Jira", "Snowflake", "Segment", "Marketo", "Okta", "Cloudflare", "Datadog",
    ]

    static let nameStems = [
        "Acme", "Nova", "Blue", "Bright", "Cloud", "Data", "Green", "Iron", "Lumen", "North", "Peak", "Quantum",
        "Red", "Silver", "Stone", "Sun", "Terra", "Vertex", "Wave", "Zen", "Atlas", "Beacon", "Cedar", "Delta",
        "Echo", "Falcon", "Harbor", "Orbit", "Pine", "River", "Summit", "Vista", "Apex", "Crest", "Forge", "Nimbus",
    ]
    static let nameTails = [
        "works", "labs", "ly", "io", "base", "hub", "stack", "path", "grid", "point", "line", "field", "shift", "bridge", "scale",
    ]
    static let nameSuffixes = ["", "", "", " Inc.", " GmbH", " Ltd", " Group", " Technologies", " Solutions", " SA", " AB", " & Co."]
    static let schools = [
        "Stanford University", "MIT", "Harvard University", "University of Oxford", "ETH Zürich", "Universidad de Buenos Aires",
        "Université Paris-Saclay", "Technische Universität München", "University of Toronto", "National University of Singapore",
        "IIT Bombay", "Universidade de São Paulo", "University of Cape Town", "Københavns Universitet", "University of Michigan",
    ]
    static let degrees = ["Bachelor of Science", "Bachelor of Arts", "Master of Science", "MBA", "PhD"]
    static let fields = [
        "Computer Science", "Economics", "Business Administration", "Marketing", "Mechanical Engineering", "Psychology", "Finance",
        "Mathematics",
    ]
}
