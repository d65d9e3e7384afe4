/// The default "Contacts" form the simulator starts with.
///
/// Field keys are 4-hex-character strings as the app builder makes them; the sync maps by
/// `data_name`, so keys and data names deliberately differ.
enum FulcrumDefaultForm {
    static let keys: [String: String] = [
        "first_name": "1a01", "last_name": "1a02", "email": "1a03", "phone": "1a04", "company_name": "1a05",
        "tags": "1a06", "ghl_contact_id": "1a07", "notes": "2b01", "notes.body": "2b02", "tasks": "3c01",
        "tasks.title": "3c02", "tasks.body": "3c03", "tasks.due_date": "3c04", "tasks.completed": "3c05",
        "notes.ghl_note_id": "2b03", "tasks.ghl_task_id": "3c06", "appointments": "5e01",
        "appointments.ghl_appointment_id": "5e02", "appointments.title": "5e03", "appointments.start_time": "5e04",
        "appointments.end_time": "5e05", "appointments.status": "5e06", "appointments.calendar_id": "5e07",
    ].merging(typedKeys) { first, _ in first }

    static func element(_ type: String, _ dataName: String, _ label: String, extra: [String: JSONValue] = [:])
        -> JSONValue
    {
        var out: [String: JSONValue] = [
            "type": .string(type), "key": .string(keys[dataName]!), "label": .string(label),
            "description": nil,
            "data_name": .string(String(dataName.split(separator: ".").last!)), "required": false,
            "disabled": false,
            "hidden": false, "default_value": nil, "visible_conditions_type": nil, "visible_conditions": nil,
            "required_conditions_type": nil, "required_conditions": nil,
        ]
        for (key, value) in extra { out[key] = value }
        return .object(out)
    }

    static func form(id: String, createdAt: String) -> JSONValue {
        let text: [String: JSONValue] = [
            "numeric": false, "pattern": nil, "min_length": nil, "max_length": nil,
        ]
        let elements: [JSONValue] = [
            element("TextField", "first_name", "First Name", extra: text),
            element("TextField", "last_name", "Last Name", extra: text),
            element("TextField", "email", "Email", extra: text),
            element("TextField", "phone", "Phone", extra: text),
            element("TextField", "company_name", "Company Name", extra: text),
            element(
                "ChoiceField", "tags", "Tags",
                extra: [
                    "multiple": true, "allow_other": true, "choice_list_id": nil,
                    "choices": [
                        ["label": "Customer", "value": "customer"], ["label": "Lead", "value": "lead"],
                        ["label": "VIP", "value": "vip"],
                    ],
                ]),
            element(
                "TextField", "ghl_contact_id", "GHL Contact ID", extra: text.merging(["hidden": true]) { $1 }),
            element(
                "Repeatable", "notes", "Notes",
                extra: [
                    "title_field_keys": [.string(keys["notes.body"]!)], "geometry_types": [],
                    "geometry_required": false,
                    "min_length": nil, "max_length": nil,
                    "elements": [
                        element("TextField", "notes.body", "Body", extra: text),
                        element("TextField", "notes.ghl_note_id", "GHL Note ID", extra: text.merging(["hidden": true]) { $1 }),
                    ],
                ]),
            element(
                "Repeatable", "tasks", "Tasks",
                extra: [
                    "title_field_keys": [.string(keys["tasks.title"]!)], "geometry_types": [],
                    "geometry_required": false,
                    "min_length": nil, "max_length": nil,
                    "elements": [
                        element("TextField", "tasks.title", "Title", extra: text),
                        element("TextField", "tasks.body", "Body", extra: text),
                        element("DateTimeField", "tasks.due_date", "Due Date"),
                        element(
                            "YesNoField", "tasks.completed", "Completed",
                            extra: [
                                "positive": ["label": "Yes", "value": "yes"],
                                "negative": ["label": "No", "value": "no"],
                                "neutral": ["label": "N/A", "value": "n/a"], "neutral_enabled": false,
                            ]),
                        element("TextField", "tasks.ghl_task_id", "GHL Task ID", extra: text.merging(["hidden": true]) { $1 }),
                    ],
                ]),
        ] + typedElements(text: text) + [appointmentsRepeatable(text: text)]
        return [
            "id": .string(id), "name": "Contacts", "description": "People synced with GoHighLevel",
            "version": 1,
            "status": "active", "elements": .array(elements),
            "status_field": [
                "type": "StatusField", "key": "@status", "label": "Status", "data_name": "status",
                "default_value": "",
                "enabled": false, "read_only": false, "hidden": false, "required": false, "disabled": false,
                "description": "", "choices": [], "default_previous_value": false,
            ],
            "title_field_keys": [.string(keys["first_name"]!), .string(keys["last_name"]!)],
            "record_title_key": .string(keys["first_name"]!), "bounding_box": nil,
            "geometry_types": ["Point"],
            "geometry_required": false, "projects_enabled": false, "assignment_enabled": false,
            "auto_assign": false,
            "hidden_on_dashboard": false, "script": nil, "field_effects": nil, "attachment_ids": [],
            "report_templates": [], "image": nil, "image_thumbnail": nil, "image_small": nil,
            "image_large": nil,
            "created_at": .string(createdAt), "updated_at": .string(createdAt),
        ]
    }

    /// The appointments GHL books for a contact (GHL -> Fulcrum only), with the GHL id hidden.
    static func appointmentsRepeatable(text: [String: JSONValue]) -> JSONValue {
        element(
            "Repeatable", "appointments", "Appointments",
            extra: [
                "title_field_keys": [.string(keys["appointments.title"]!)], "geometry_types": [],
                "geometry_required": false, "min_length": nil, "max_length": nil,
                "elements": [
                    element("TextField", "appointments.ghl_appointment_id", "GHL Appointment ID", extra: text.merging(["hidden": true]) { $1 }),
                    element("TextField", "appointments.title", "Title", extra: text),
                    element("TextField", "appointments.start_time", "Start", extra: text),
                    element("TextField", "appointments.end_time", "End", extra: text),
                    element("TextField", "appointments.status", "Status", extra: text),
                    element("TextField", "appointments.calendar_id", "Calendar ID", extra: text),
                ],
            ])
    }

    /// Keys of Repeatable elements (whose items get ids and epoch-string timestamps).
    static func repeatableKeys(of form: JSONValue) -> Set<String> {
        var out: Set<String> = []
        func walk(_ elements: [JSONValue]) {
            for element in elements {
                if element["type"]?.stringValue == "Repeatable", let key = element["key"]?.stringValue {
                    out.insert(key)
                }
                walk(element["elements"]?.arrayValue ?? [])
            }
        }
        walk(form["elements"]?.arrayValue ?? [])
        return out
    }
}
