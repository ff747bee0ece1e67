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
            "summary": "Readiness: the database answers", "security": [],
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
            "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CreateLeadList"}}}},
            "responses": {
              "201": {"description": "Created", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/LeadList"}}}},
              "400": {"$ref": "#/components/responses/Error"},
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
            "summary": "Change name, icpId, dates or userIds (the creator stays in userIds); type cannot change",
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
        }
      },
      "components": {
        "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        "responses": {
          "Error": {"description": "An error", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
        },
        "schemas": {
          "Status": {"type": "object", "required": ["status"], "properties": {"status": {"type": "string"}}},
          "Error": {
            "type": "object", "required": ["error"],
            "properties": {
              "error": {
                "type": "object", "required": ["code", "message"],
                "properties": {
                  "code": {"type": "string", "enum": ["BAD_REQUEST", "UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND", "CONFLICT", "PAYLOAD_TOO_LARGE", "RATE_LIMITED", "INTERNAL_ERROR", "SERVICE_UNAVAILABLE"]},
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
              "icpId": {"type": ["string", "null"], "format": "uuid"},
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
          "CreateLeadList": {
            "type": "object", "required": ["name"],
            "properties": {
              "name": {"type": "string", "minLength": 1, "maxLength": 200},
              "type": {"type": "string", "enum": ["person", "company"], "default": "person"},
              "icpId": {"type": ["string", "null"], "format": "uuid"},
              "startDate": {"type": ["string", "null"], "description": "ISO-8601 date-time with zone, or a date (UTC midnight)"},
              "endDate": {"type": ["string", "null"], "description": "Not before startDate"},
              "userIds": {"type": "array", "maxItems": 1000, "items": {"type": "string", "minLength": 1, "maxLength": 255}},
              "personIds": {"type": "array", "maxItems": 0, "items": {"type": "string", "format": "uuid"}, "description": "Only [] until list members are supported"},
              "companyIds": {"type": "array", "maxItems": 0, "items": {"type": "string", "format": "uuid"}, "description": "Only [] until list members are supported"}
            }
          },
          "UpdateLeadList": {
            "type": "object",
            "properties": {
              "name": {"type": "string", "minLength": 1, "maxLength": 200},
              "icpId": {"type": ["string", "null"], "format": "uuid"},
              "startDate": {"type": ["string", "null"]},
              "endDate": {"type": ["string", "null"]},
              "userIds": {"type": "array", "maxItems": 1000, "items": {"type": "string", "minLength": 1, "maxLength": 255}},
              "personIds": {"type": "array", "maxItems": 0, "items": {"type": "string", "format": "uuid"}},
              "companyIds": {"type": "array", "maxItems": 0, "items": {"type": "string", "format": "uuid"}}
            }
          }
        }
      }
    }
    """#
}
