"""Who the patient is sent to: the care team and the contact lines, as shared regex fragments.

``WHO`` is any member or unit of the patient's care team ("your oncologist", "the haematology
team", "your specialist nurse", "the day unit"); ``LINE`` a contact line ("the 24-hour number",
"the chemo hotline"). Both are wrapped in ``(?:...)`` so their alternatives never leak into the
patterns they are pasted into. ``WHO_KEYS`` are literal words one of which every ``WHO`` match
holds (the prefilter keys of patterns that need a care-team noun).
"""

from __future__ import annotations

WHO = (
    r"(?:(?:your|the|a|an|their|his|her|my|our)\s+)?(?:own\s+|regular\s+|usual\s+|treating\s+|local\s+|trusted\s+|"
    r"qualified\s+|specialist\s+|responsible\s+|attending\s+|named\s+|lead\s+)?(?:(?:cancer|oncology|medical|health\s?care|health|treatment|transplant|"
    r"car[\s-]?t|haematology|hematology|lymphoma|myeloma|palliative|primary\s+care|clinical|nursing|breast|lung|prostate|bowel|colorectal|"
    r"urology|surgical|multidisciplinary|gyn(?:a)?ecology|skin|melanoma|specialist|treating|radiotherapy)\s+)?"
    r"(?:care\s+team|team|doctors?|docs?|\w+ologists?|physicians?|nurses?"
    r"(?:\s+navigator)?|gps?|general\s+practitioner|clinic|clinicians?|providers?|professionals?|specialists?|"
    r"pharmacists?|consultants?|coordinators?|medical\s+team|care\s+providers?|health\s?care\s+(?:providers?|professionals?|team)|"
    r"cent(?:er|re)|hospital|care\s+coordinator|surgeon|ward|(?:day\s+)?unit|staff|department|service|"
    r"on-call\s+(?:doctor|nurse|team|oncologist|haematologist|hematologist)|radiation\s+oncologist|prescriber|practitioner|"
    r"healthcare\s+team|people\s+(?:treating|looking\s+after|caring\s+for)\s+you|(?:ones?|person)\s+(?:treating|"
    r"looking\s+after)\s+you)"
)
LINE = (  # wrapped in (?:...) so its alternatives never leak into the patterns it is pasted into
    r"(?:(?:(?:the|your|their|a)\s+)?(?:clinic's\s+|team's\s+|hospital's\s+|center's\s+|centre's\s+)?"
    r"(?:24[\s-]?hour|24/7|after[\s-]hours?|out[\s-]of[\s-]hours|on[\s-]call|emergency|urgent|triage|nurse|advice|"
    r"chemo|chemotherapy|oncology|cancer|haematology|hematology|treatment|acute\s+oncology|"
    r"hotline|help)\s*(?:[\w-]+\s+)?(?:phone\s+|telephone\s+|contact\s+)?(?:number|line|hotline|phone|service|nurse|"
    r"doctor|team)|(?:(?:the|your|their|a)\s+)?(?:[\w-]+\s+)?(?:hotline|helpline))"
)
WHO_KEYS = ("team", "doc", "ologist", "physician", "nurse", "gp", "practitioner",
             "clinic", "provider", "professional", "specialist", "pharmacist", "consultant", "center", "centre",
             "hospital", "coordinator", "surgeon", "ward", "unit", "staff", "department", "service", "prescriber",
             "whoever", "person who", "one who", "people treating", "people looking", "people caring",
             "one treating", "one looking", "person treating", "person looking")
LINE_KEYS = ("number", "line", "phone", "service", "nurse", "doc", "team")
