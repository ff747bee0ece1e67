/// The OpenAPI 3.1 description of the whole API, served at `/openapi.json`.
/// `OpenAPIDocumentTests` fails when a route is missing here or this names a route that does not exist.
enum OpenAPIDocument {
    static let json = #"""
    {
      "openapi": "3.1.0",
      "info": {
        "title": "Leadbase",
        "version": "0.1.0",
        "description": "Self-hostable prospecting backend. Speaks the Lance lead-list and prospect API. Every /api/v1 route needs `Authorization: Bearer <token>` (an API token from `leadbase token create`, or a JWT of the configured identity provider)."
      },
      "servers": [{"url": "http://127.0.0.1:8080"}],
      "security": [{"bearer": []}],
      "paths": {
        "/health": {
          "get": {
            "summary": "Liveness", "security": [],
            "responses": {"200": {"description": "The process is up", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Status"}}}}}
          }
        },
        "/ready": {
          "get": {
            "summary": "Readiness: the database answers and the search index has loaded", "security": [],
            "responses": {
              "200": {"description": "Ready", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Status"}}}},
              "503": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/metrics": {
          "get": {
            "summary": "Prometheus metrics", "security": [],
            "responses": {"200": {"description": "Metrics in the Prometheus text format", "content": {"text/plain": {"schema": {"type": "string"}}}}}
          }
        },
        "/openapi.json": {
          "get": {
            "summary": "This document", "security": [],
            "responses": {"200": {"description": "OpenAPI document", "content": {"application/json": {"schema": {"type": "object"}}}}}
          }
        },
        "/api/v1/entities/leadlists": {
          "get": {
            "summary": "The lead lists the caller may use (an admin: every list of the organization), newest first",
            "responses": {
              "200": {"description": "Lists", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/LeadList"}}}}},
              "401": {"$ref": "#/components/responses/Error"}
            }
          },
          "post": {
            "summary": "Create a lead list; the caller is always in userIds",
            "parameters": [{"$ref": "#/components/parameters/IdempotencyKey"}],
            "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CreateLeadList"}}}},
            "responses": {
              "201": {"description": "Created", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/LeadList"}}}},
              "400": {"$ref": "#/components/responses/Error"},
              "422": {"$ref": "#/components/responses/Error"},
              "401": {"$ref": "#/components/responses/Error"},
              "413": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/api/v1/entities/leadlists/{id}": {
          "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string", "format": "uuid"}}],
          "get": {
            "summary": "One lead list with `persons` (person list) or `companies` (company list)",
            "responses": {
              "200": {"description": "The list", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/LeadListWithMembers"}}}},
              "400": {"$ref": "#/components/responses/Error"},
              "401": {"$ref": "#/components/responses/Error"},
              "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"}
            }
          },
          "patch": {
            "summary": "Change name, icpId, dates, userIds (the creator stays) or the members (personIds/companyIds replace them); type cannot change",
            "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/UpdateLeadList"}}}},
            "responses": {
              "200": {"description": "The updated list", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/LeadListWithMembers"}}}},
              "400": {"$ref": "#/components/responses/Error"},
              "401": {"$ref": "#/components/responses/Error"},
              "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"}
            }
          },
          "delete": {
            "summary": "Delete a list; its members' records stay",
            "responses": {
              "204": {"description": "Deleted"},
              "400": {"$ref": "#/components/responses/Error"},
              "401": {"$ref": "#/components/responses/Error"},
              "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/api/v1/entities/leadlists/{id}/add-prospects": {
          "parameters": [
            {"name": "id", "in": "path", "required": true, "schema": {"type": "string", "format": "uuid"}},
            {"name": "dryRun", "in": "query", "schema": {"type": "boolean", "default": false}, "description": "true: answer exactly what the call would do now, and write nothing"}
          ],
          "post": {
            "summary": "Add people to a person list: direct `prospects` data (matched to the organization's records by id, else LinkedIn URL, else e-mail; updated or created), or a `selection` (manual ids, or a window of a search) whose people and companies are first copied from the directory. Exactly one of the two. All or nothing; concurrent requests never add a person twice.",
            "parameters": [{"$ref": "#/components/parameters/IdempotencyKey"}],
            "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/AddProspects"}}}},
            "responses": {
              "200": {"description": "What was added, and how every other input was accounted for", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/AddProspectsResult"}}}},
              "400": {"$ref": "#/components/responses/Error"},
              "422": {"$ref": "#/components/responses/Error"},
              "401": {"$ref": "#/components/responses/Error"},
              "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/api/v1/entities/leadlists/{id}/add-companies": {
          "parameters": [
            {"name": "id", "in": "path", "required": true, "schema": {"type": "string", "format": "uuid"}},
            {"name": "dryRun", "in": "query", "schema": {"type": "boolean", "default": false}, "description": "true: answer exactly what the call would do now, and write nothing"}
          ],
          "post": {
            "summary": "Add companies to a company list (copied into the organization's records first); repeated and present ids are skipped",
            "parameters": [{"$ref": "#/components/parameters/IdempotencyKey"}],
            "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["companyIds"], "properties": {"companyIds": {"type": "array", "minItems": 1, "maxItems": 1000, "items": {"type": "string", "format": "uuid"}}}}}}},
            "responses": {
              "200": {"description": "The list with `companies`, `addedCount` and `notFoundIds`", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/LeadListWithMembers"}}}},
              "400": {"$ref": "#/components/responses/Error"},
              "422": {"$ref": "#/components/responses/Error"},
              "401": {"$ref": "#/components/responses/Error"},
              "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/api/v1/entities/leadlists/{id}/remove-members": {
          "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string", "format": "uuid"}}],
          "post": {
            "summary": "Remove members (people or companies, by the list's type) by id; their records stay",
            "parameters": [{"$ref": "#/components/parameters/IdempotencyKey"}],
            "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["ids"], "properties": {"ids": {"type": "array", "minItems": 1, "maxItems": 1000, "items": {"type": "string", "format": "uuid"}}}}}}},
            "responses": {
              "200": {"description": "How many were removed, and how many ids were not members", "content": {"application/json": {"schema": {"type": "object", "required": ["removedCount", "notInListCount"], "properties": {"removedCount": {"type": "integer"}, "notInListCount": {"type": "integer"}}}}}},
              "400": {"$ref": "#/components/responses/Error"},
              "422": {"$ref": "#/components/responses/Error"},
              "401": {"$ref": "#/components/responses/Error"},
              "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/api/v1/entities/leadlists/{id}/export": {
          "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string", "format": "uuid"}}],
          "get": {
            "summary": "The list as CSV (RFC 4180, UTF-8, header row, one row per member in member-id order), streamed",
            "responses": {
              "200": {"description": "CSV", "content": {"text/csv": {"schema": {"type": "string"}}}},
              "400": {"$ref": "#/components/responses/Error"},
              "401": {"$ref": "#/components/responses/Error"},
              "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/api/v1/entities/leads/list/{id}": {
          "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string", "format": "uuid"}}],
          "get": {
            "summary": "A list's members as a bare array: leads (the organization's copies of people, with `company`, `syncedAt`, `addedAt`) or companies, in the order they were added",
            "responses": {
              "200": {"description": "Members", "content": {"application/json": {"schema": {"type": "array", "items": {"type": "object"}}}}},
              "400": {"$ref": "#/components/responses/Error"},
              "401": {"$ref": "#/components/responses/Error"},
              "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/api/v1/entities/prospects/person": {
          "post": {
            "summary": "People search: contact filters on the person, account filters on their current company; ascending id order; exact totalElements",
            "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/PeopleSearch"}}}},
            "responses": {
              "200": {"description": "A page of people, each with `company` embedded", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/PersonPage"}}}},
              "400": {"$ref": "#/components/responses/Error"},
              "401": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/api/v1/entities/prospects/person/{id}": {
          "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string", "format": "uuid"}}],
          "get": {
            "summary": "One person of the global directory, with `company` embedded (null when unknown)",
            "responses": {
              "200": {"description": "The person", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Prospect"}}}},
              "400": {"$ref": "#/components/responses/Error"},
              "401": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/api/v1/entities/prospects/company": {
          "post": {
            "summary": "Company search; `url` narrows to companies with one of these LinkedIn or website URLs",
            "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CompanySearch"}}}},
            "responses": {
              "200": {"description": "A page of companies", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CompanyPage"}}}},
              "400": {"$ref": "#/components/responses/Error"},
              "401": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/api/v1/entities/prospects/company/{id}": {
          "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string", "format": "uuid"}}],
          "get": {
            "summary": "One company of the global directory",
            "responses": {
              "200": {"description": "The company", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Company"}}}},
              "400": {"$ref": "#/components/responses/Error"},
              "401": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/api/v1/entities/prospects/company/{id}/people/search": {
          "parameters": [
            {"name": "id", "in": "path", "required": true, "schema": {"type": "string", "format": "uuid"}},
            {"name": "page", "in": "query", "schema": {"type": "integer", "default": 0}, "description": "Negative values become 0"},
            {"name": "size", "in": "query", "schema": {"type": "integer", "default": 25}, "description": "Clamped into 1..100"}
          ],
          "get": {
            "summary": "People whose current company is this company, ascending id order",
            "responses": {
              "200": {"description": "A page of people", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/PersonPage"}}}},
              "400": {"$ref": "#/components/responses/Error"},
              "401": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"}
            }
          }
        }
      },
      "components": {
        "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        "parameters": {
          "IdempotencyKey": {
            "name": "Idempotency-Key", "in": "header", "schema": {"type": "string", "pattern": "^[!-~]{1,255}$"},
            "description": "Makes the write safe to retry: the first request with a key runs; the same key with the same method, path, query and body from the same user, within 24 hours, answers the first answer again (with Idempotent-Replayed: true) and writes nothing; with a different request it is 422 IDEMPOTENCY_KEY_REUSED. Concurrent requests with one key run once. Only 2xx answers are kept; a dry run neither uses nor keeps a key."
          }
        },
        "responses": {
          "Error": {"description": "An error", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
        },
        "schemas": {
          "AddProspects": {
            "type": "object",
            "description": "Exactly one of prospects and selection",
            "oneOf": [{"required": ["prospects"], "not": {"required": ["selection"]}}, {"required": ["selection"], "not": {"required": ["prospects"]}}],
            "properties": {
              "prospects": {
                "type": "array", "minItems": 1, "maxItems": 1000,
                "items": {"$ref": "#/components/schemas/ProspectInput"}
              },
              "selection": {
                "type": "object", "required": ["mode"],
                "oneOf": [
                  {"properties": {"mode": {"const": "manual"}}, "required": ["includedIds"]},
                  {"properties": {"mode": {"const": "bulk"}}, "required": ["startIndex", "targetCount", "filters"]}
                ],
                "properties": {
                  "mode": {"type": "string", "enum": ["manual", "bulk"]},
                  "includedIds": {"type": "array", "minItems": 1, "maxItems": 1000, "items": {"type": "string", "format": "uuid"}, "description": "manual: required"},
                  "excludedIds": {"type": "array", "maxItems": 10000, "items": {"type": "string", "format": "uuid"}},
                  "startIndex": {"type": "integer", "minimum": 0, "maximum": 10000000, "description": "bulk: required; position in the search order"},
                  "targetCount": {"type": "integer", "minimum": 1, "maximum": 1000, "description": "bulk: required"},
                  "filters": {"$ref": "#/components/schemas/PeopleSearch", "description": "bulk: required; the people search (its page and size do not move the window)"}
                }
              }
            }
          },
          "ProspectInput": {
            "type": "object", "required": ["firstName", "lastName"],
            "description": "A person as in the Person shape; id optional. Strings at most 1000 characters (e-mails 254, phones 50, URLs 500, position descriptions 10,000), arrays at most 100 items (emails, phones, socialMediaLinks 50)",
            "properties": {
              "id": {"type": ["string", "null"], "format": "uuid"},
              "firstName": {"type": "string", "minLength": 1, "maxLength": 200, "pattern": "\\S"},
              "lastName": {"type": "string", "minLength": 1, "maxLength": 200, "pattern": "\\S"},
              "jobTitle": {"type": ["string", "null"], "maxLength": 1000}, "headline": {"type": ["string", "null"], "maxLength": 1000},
              "city": {"type": ["string", "null"], "maxLength": 1000}, "state": {"type": ["string", "null"], "maxLength": 1000},
              "postalCode": {"type": ["string", "null"], "maxLength": 1000}, "country": {"type": ["string", "null"], "maxLength": 1000},
              "linkedinUrl": {"type": ["string", "null"], "maxLength": 500},
              "socialMediaLinks": {"type": ["array", "null"], "maxItems": 50, "items": {"type": "string", "maxLength": 500}},
              "emails": {"type": ["array", "null"], "maxItems": 50, "items": {"type": "string", "maxLength": 254}},
              "phones": {"type": ["array", "null"], "maxItems": 50, "items": {"type": "string", "maxLength": 50}},
              "companyId": {"type": ["string", "null"], "format": "uuid"}, "seniority": {"type": ["string", "null"], "maxLength": 1000},
              "departments": {"type": ["array", "null"], "maxItems": 100, "items": {"type": "string", "maxLength": 1000}},
              "subDepartments": {"type": ["array", "null"], "maxItems": 100, "items": {"type": "string", "maxLength": 1000}},
              "functions": {"type": ["array", "null"], "maxItems": 100, "items": {"type": "string", "maxLength": 1000}},
              "skills": {"type": ["array", "null"], "maxItems": 100, "items": {"type": "string", "maxLength": 1000}},
              "bullhornId": {"type": ["number", "string", "null"], "maxLength": 255}
            }
          },
          "AddProspectsResult": {
            "type": "object",
            "required": ["addedCount", "addedIds", "alreadyInListCount", "excludedCount", "notFoundCount", "notFoundIds", "inaccessibleCount", "inaccessibleIds", "prospectIds"],
            "properties": {
              "addedCount": {"type": "integer", "description": "People newly added"},
              "addedIds": {"type": "array", "items": {"type": "string", "format": "uuid"}, "description": "The people newly added, in input order"},
              "alreadyInListCount": {"type": "integer"},
              "excludedCount": {"type": "integer", "description": "Chosen ids left out by excludedIds"},
              "notFoundCount": {"type": "integer"},
              "notFoundIds": {"type": "array", "items": {"type": "string", "format": "uuid"}},
              "inaccessibleCount": {"type": "integer", "description": "Chosen directory people the organization holds in lists the caller may not use; not added"},
              "inaccessibleIds": {"type": "array", "items": {"type": "string", "format": "uuid"}},
              "prospectIds": {"type": ["array", "null"], "items": {"type": "string", "format": "uuid"}, "description": "Direct data: each prospect's record id, in input order; null for a selection"}
            }
          },
          "FilterValues": {
            "description": "A list of exact values, or for text keys {mode, content}. At most 1000 values of at most 500 characters; a text value has a letter or digit and at most 20 words; one search holds at most 10,000 values and words",
            "oneOf": [
              {"type": "array", "maxItems": 1000, "items": {"$ref": "#/components/schemas/FilterValue"}},
              {"type": "object", "required": ["mode", "content"], "additionalProperties": false, "properties": {
                "mode": {"type": "string", "enum": ["STRICT", "WORD", "SMART"]},
                "content": {"type": "array", "maxItems": 1000, "items": {"$ref": "#/components/schemas/FilterValue"}}
              }}
            ]
          },
          "FilterValue": {"type": "string", "minLength": 1, "maxLength": 500, "pattern": "\\S"},
          "Operators": {
            "description": "Operators of a text key: values in the list or the text form",
            "type": ["object", "null"], "additionalProperties": false,
            "properties": {
              "any": {"$ref": "#/components/schemas/Sides"},
              "all": {"$ref": "#/components/schemas/Sides"}
            }
          },
          "Sides": {
            "type": ["object", "null"], "additionalProperties": false,
            "properties": {
              "include": {"oneOf": [{"$ref": "#/components/schemas/FilterValues"}, {"type": "null"}]},
              "exclude": {"oneOf": [{"$ref": "#/components/schemas/FilterValues"}, {"type": "null"}]}
            }
          },
          "ListOperators": {
            "description": "Operators of a list key: values in the list form only",
            "type": ["object", "null"], "additionalProperties": false,
            "properties": {
              "any": {"$ref": "#/components/schemas/ListSides"},
              "all": {"$ref": "#/components/schemas/ListSides"}
            }
          },
          "ListSides": {
            "type": ["object", "null"], "additionalProperties": false,
            "properties": {
              "include": {"type": ["array", "null"], "maxItems": 1000, "items": {"$ref": "#/components/schemas/FilterValue"}},
              "exclude": {"type": ["array", "null"], "maxItems": 1000, "items": {"$ref": "#/components/schemas/FilterValue"}}
            }
          },
          "Range": {
            "type": ["object", "null"], "required": ["type", "range"], "additionalProperties": false,
            "properties": {
              "type": {"type": "string", "enum": ["RANGE"]},
              "range": {"oneOf": [
                {"type": "array", "minItems": 1, "maxItems": 100, "items": {"$ref": "#/components/schemas/Bounds"}},
                {"$ref": "#/components/schemas/Bounds"}
              ]}
            }
          },
          "Bounds": {"type": "object", "additionalProperties": false, "properties": {"start": {"type": ["integer", "null"]}, "end": {"type": ["integer", "null"]}}, "description": "end must not be less than start"},
          "ContactFilters": {
            "type": ["object", "null"], "additionalProperties": false,
            "properties": {
              "fullName": {"$ref": "#/components/schemas/Operators"},
              "jobTitle": {"$ref": "#/components/schemas/Operators"},
              "seniority": {"$ref": "#/components/schemas/ListOperators"},
              "departmentAndFunction": {"$ref": "#/components/schemas/ListOperators"},
              "location": {"$ref": "#/components/schemas/ListOperators"},
              "skill": {"$ref": "#/components/schemas/Operators"},
              "language": {"$ref": "#/components/schemas/ListOperators"},
              "company": {"type": ["object", "null"], "additionalProperties": false, "properties": {"current": {"$ref": "#/components/schemas/ListOperators"}, "previous": {"$ref": "#/components/schemas/ListOperators"}}},
              "socialMediaLink": {"$ref": "#/components/schemas/ListOperators"},
              "keyword": {"$ref": "#/components/schemas/Operators"}
            }
          },
          "AccountFilters": {
            "type": ["object", "null"], "additionalProperties": false,
            "properties": {
              "nameOrDomain": {"$ref": "#/components/schemas/Operators"},
              "industry": {"$ref": "#/components/schemas/ListOperators"},
              "location": {"$ref": "#/components/schemas/ListOperators"},
              "employeeSize": {"$ref": "#/components/schemas/Range"},
              "revenue": {"$ref": "#/components/schemas/Range"},
              "foundedYear": {"$ref": "#/components/schemas/Range"},
              "type": {"$ref": "#/components/schemas/ListOperators"},
              "technology": {"$ref": "#/components/schemas/ListOperators"}
            }
          },
          "PeopleSearch": {
            "type": "object", "additionalProperties": false,
            "properties": {
              "page": {"type": ["integer", "null"], "minimum": 0, "maximum": 10000000, "default": 0},
              "size": {"type": ["integer", "null"], "minimum": 0, "maximum": 100, "default": 10},
              "contact": {"$ref": "#/components/schemas/ContactFilters"},
              "account": {"$ref": "#/components/schemas/AccountFilters"}
            }
          },
          "CompanySearch": {
            "type": "object", "additionalProperties": false,
            "properties": {
              "page": {"type": ["integer", "null"], "minimum": 0, "maximum": 10000000, "default": 0},
              "size": {"type": ["integer", "null"], "minimum": 0, "maximum": 100, "default": 10},
              "account": {"$ref": "#/components/schemas/AccountFilters"},
              "url": {"type": ["array", "null"], "maxItems": 100, "items": {"type": "string", "minLength": 1, "maxLength": 500, "pattern": "^[^\\u0000-\\u001f\\u007f]+$"}}
            }
          },
          "Person": {
            "type": "object", "required": ["id", "firstName", "lastName"],
            "description": "Fields without a value are left out",
            "properties": {
              "id": {"type": "string", "format": "uuid"}, "createdAt": {"type": "string"}, "updatedAt": {"type": "string"},
              "firstName": {"type": "string"}, "lastName": {"type": "string"}, "jobTitle": {"type": "string"}, "headline": {"type": "string"},
              "city": {"type": "string"}, "state": {"type": "string"}, "postalCode": {"type": "string"}, "country": {"type": "string"},
              "linkedinUrl": {"type": "string"}, "socialMediaLinks": {"type": "array", "items": {"type": "string"}},
              "phones": {"type": "array", "items": {"type": "string"}}, "emails": {"type": "array", "items": {"type": "string"}},
              "companyId": {"type": "string", "format": "uuid"}, "birthDate": {"type": "string"}, "seniority": {"type": "string"},
              "departments": {"type": "array", "items": {"type": "string"}}, "subDepartments": {"type": "array", "items": {"type": "string"}},
              "functions": {"type": "array", "items": {"type": "string"}}, "skills": {"type": "array", "items": {"type": "string"}},
              "industry": {"type": "string"},
              "languages": {"type": "array", "items": {"type": "object", "properties": {"language": {"type": "string"}, "level": {"type": "string"}}}},
              "educations": {"type": "array", "items": {"type": "object"}},
              "workExperiences": {"type": "array", "items": {"type": "object"}},
              "baseProviderId": {"type": "string"}, "bullhornId": {}, "crmId": {"type": "string"}
            }
          },
          "Prospect": {
            "allOf": [{"$ref": "#/components/schemas/Person"}, {"type": "object", "required": ["company"], "properties": {"company": {"oneOf": [{"$ref": "#/components/schemas/Company"}, {"type": "null"}]}}}]
          },
          "Company": {
            "type": "object", "required": ["id", "name"],
            "description": "Fields without a value are left out",
            "properties": {
              "id": {"type": "string", "format": "uuid"}, "createdAt": {"type": "string"}, "updatedAt": {"type": "string"},
              "name": {"type": "string"}, "legalName": {"type": "string"}, "description": {"type": "string"}, "summary": {"type": "string"},
              "headcount": {"type": "string"}, "employeeCount": {"type": "integer"}, "industry": {"type": "string"},
              "phones": {"type": "array", "items": {"type": "string"}}, "linkedinUrl": {"type": "string"}, "websiteUrl": {"type": "string"},
              "domain": {"type": "string"}, "city": {"type": "string"}, "state": {"type": "string"}, "postalCode": {"type": "string"},
              "country": {"type": "string"}, "logoUrl": {"type": "string"}, "baseProviderId": {"type": "string"}, "bullhornId": {},
              "crmId": {"type": "string"}, "foundedYear": {"type": "integer"}, "revenue": {"type": "string"},
              "annualRevenue": {"type": "integer", "description": "USD"}, "type": {"type": "string"},
              "technologies": {"type": "array", "items": {"type": "string"}}, "location": {"type": "object"}
            }
          },
          "PersonPage": {"allOf": [{"$ref": "#/components/schemas/PageFields"}, {"type": "object", "properties": {"content": {"type": "array", "items": {"$ref": "#/components/schemas/Prospect"}}}}]},
          "CompanyPage": {"allOf": [{"$ref": "#/components/schemas/PageFields"}, {"type": "object", "properties": {"content": {"type": "array", "items": {"$ref": "#/components/schemas/Company"}}}}]},
          "PageFields": {
            "type": "object",
            "required": ["content", "totalElements", "totalPages", "number", "size", "first", "last", "numberOfElements", "empty"],
            "properties": {
              "totalElements": {"type": "integer"}, "totalPages": {"type": "integer"}, "number": {"type": "integer"},
              "size": {"type": "integer"}, "first": {"type": "boolean"}, "last": {"type": "boolean"},
              "numberOfElements": {"type": "integer"}, "empty": {"type": "boolean"}
            }
          },
          "Status": {"type": "object", "required": ["status"], "properties": {"status": {"type": "string"}}},
          "Error": {
            "type": "object", "required": ["error"],
            "properties": {
              "error": {
                "type": "object", "required": ["code", "message"],
                "properties": {
                  "code": {"type": "string", "enum": ["BAD_REQUEST", "UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND", "METHOD_NOT_ALLOWED", "CONFLICT", "PAYLOAD_TOO_LARGE", "IDEMPOTENCY_KEY_REUSED", "RATE_LIMITED", "INTERNAL_ERROR", "SERVICE_UNAVAILABLE"]},
                  "message": {"type": "string"},
                  "details": {
                    "type": "array",
                    "items": {
                      "type": "object", "required": ["path", "message"],
                      "properties": {
                        "path": {"type": "array", "items": {"oneOf": [{"type": "string"}, {"type": "integer"}]}},
                        "message": {"type": "string"}
                      }
                    }
                  }
                }
              }
            }
          },
          "LeadList": {
            "type": "object",
            "required": ["id", "name", "type", "icpId", "startDate", "endDate", "userIds", "personIds", "companyIds", "createdAt", "updatedAt"],
            "properties": {
              "id": {"type": "string", "format": "uuid"},
              "name": {"type": "string"},
              "type": {"type": "string", "enum": ["person", "company"]},
              "icpId": {"type": ["string", "null"], "format": "uuid", "pattern": "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"},
              "startDate": {"type": ["string", "null"], "format": "date-time"},
              "endDate": {"type": ["string", "null"], "format": "date-time"},
              "userIds": {"type": "array", "items": {"type": "string"}},
              "personIds": {"type": "array", "items": {"type": "string", "format": "uuid"}},
              "companyIds": {"type": "array", "items": {"type": "string", "format": "uuid"}},
              "createdAt": {"type": "string", "format": "date-time"},
              "updatedAt": {"type": "string", "format": "date-time"}
            }
          },
          "LeadListWithMembers": {
            "allOf": [
              {"$ref": "#/components/schemas/LeadList"},
              {"type": "object", "properties": {
                "persons": {"type": "array", "items": {"type": "object"}},
                "companies": {"type": "array", "items": {"type": "object"}}
              }}
            ]
          },
          "UserId": {"type": "string", "minLength": 1, "maxLength": 255, "pattern": "^[^\\u0000-\\u001f\\u007f]+$"},
          "CreateLeadList": {
            "type": "object", "required": ["name"],
            "properties": {
              "name": {"type": "string", "minLength": 1, "maxLength": 200, "pattern": "\\S"},
              "type": {"type": ["string", "null"], "enum": ["person", "company", null], "default": "person"},
              "icpId": {"type": ["string", "null"], "format": "uuid", "pattern": "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"},
              "startDate": {"oneOf": [{"type": "string", "format": "date", "pattern": "^(158[3-9]|159\\d|1[6-9]\\d{2}|[2-9]\\d{3})-"}, {"type": "string", "format": "date-time", "pattern": "^(158[3-9]|159\\d|1[6-9]\\d{2}|[2-9]\\d{3})-.*([Zz]|[+-](0\\d|1[0-7]):[0-5]\\d|[+-]18:00)$"}, {"type": "null"}], "description": "ISO-8601 date-time with zone, or a date (UTC midnight)"},
              "endDate": {"oneOf": [{"type": "string", "format": "date", "pattern": "^(158[3-9]|159\\d|1[6-9]\\d{2}|[2-9]\\d{3})-"}, {"type": "string", "format": "date-time", "pattern": "^(158[3-9]|159\\d|1[6-9]\\d{2}|[2-9]\\d{3})-.*([Zz]|[+-](0\\d|1[0-7]):[0-5]\\d|[+-]18:00)$"}, {"type": "null"}], "description": "Not before startDate"},
              "userIds": {"type": ["array", "null"], "maxItems": 1000, "items": {"$ref": "#/components/schemas/UserId"}},
              "personIds": {"type": ["array", "null"], "maxItems": 1000, "items": {"type": "string", "format": "uuid"}, "description": "Initial members of a person list, synced like an add"},
              "companyIds": {"type": ["array", "null"], "maxItems": 1000, "items": {"type": "string", "format": "uuid"}, "description": "Initial members of a company list"}
            }
          },
          "UpdateLeadList": {
            "type": "object",
            "properties": {
              "name": {"type": "string", "minLength": 1, "maxLength": 200, "pattern": "\\S"},
              "icpId": {"type": ["string", "null"], "format": "uuid", "pattern": "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"},
              "startDate": {"oneOf": [{"type": "string", "format": "date", "pattern": "^(158[3-9]|159\\d|1[6-9]\\d{2}|[2-9]\\d{3})-"}, {"type": "string", "format": "date-time", "pattern": "^(158[3-9]|159\\d|1[6-9]\\d{2}|[2-9]\\d{3})-.*([Zz]|[+-](0\\d|1[0-7]):[0-5]\\d|[+-]18:00)$"}, {"type": "null"}]},
              "endDate": {"oneOf": [{"type": "string", "format": "date", "pattern": "^(158[3-9]|159\\d|1[6-9]\\d{2}|[2-9]\\d{3})-"}, {"type": "string", "format": "date-time", "pattern": "^(158[3-9]|159\\d|1[6-9]\\d{2}|[2-9]\\d{3})-.*([Zz]|[+-](0\\d|1[0-7]):[0-5]\\d|[+-]18:00)$"}, {"type": "null"}]},
              "userIds": {"type": "array", "maxItems": 1000, "items": {"$ref": "#/components/schemas/UserId"}},
              "personIds": {"type": ["array", "null"], "maxItems": 1000, "items": {"type": "string", "format": "uuid"}, "description": "Replaces the members of a person list"},
              "companyIds": {"type": ["array", "null"], "maxItems": 1000, "items": {"type": "string", "format": "uuid"}, "description": "Replaces the members of a company list"}
            }
          }
        }
      }
    }
    """#
}
