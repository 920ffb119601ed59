"""Shared word classes of the harm detectors: treatments, alternatives, cancers, outcomes.

Each is a regex fragment (wrapped in ``(?:...)`` so it can be pasted into a larger pattern) naming a
*semantic class* rather than a phrase: a detector says "a stop verb addressed to the patient,
followed by a treatment", and every drug, therapy or alternative product of the class is covered at
once. The ``*_KEYS`` tuples are the literal prefilter keys of the same classes
(:mod:`harness.score.engines.cues.prefilter`).
"""

from __future__ import annotations

# cancer drugs patients call by their brand name (the generic names mostly carry a class ending below)
_BRANDS = ("keytruda|opdivo|yervoy|tecentriq|imfinzi|bavencio|libtayo|herceptin|perjeta|kadcyla|enhertu|phesgo|"
           "avastin|erbitux|vectibix|rituxan|mabthera|darzalex|blincyto|arimidex|femara|aromasin|nolvadex|"
           "zoladex|faslodex|lupron|prostap|decapeptyl|zytiga|xtandi|erleada|nubeqa|xeloda|lonsurf|gleevec|glivec|"
           "sprycel|tasigna|revlimid|pomalyst|thalomid|velcade|kyprolis|ninlaro|imbruvica|calquence|brukinsa|"
           "venclexta|venclyxto|ibrance|kisqali|verzenio|verzenios|lynparza|zejula|rubraca|tagrisso|tarceva|iressa|"
           "alecensa|xalkori|lorbrena|sutent|nexavar|votrient|inlyta|cabometyx|lenvima|stivarga|tukysa|nerlynx|"
           "tykerb|temodar|temodal|gemzar|taxol|taxotere|abraxane|adriamycin|cytoxan|alimta|yescarta|kymriah|"
           "tecartus|breyanzi|carvykti|abecma|columvi|epkinly|tecvayli|elrexfio|talvey|lunsumio")
_BRAND_KEYS = tuple(_BRANDS.split("|"))
# drugs by name or by class ending (-mab, -tinib, -parib, -lidomide, -citabine ...) and therapies
_DRUG_ENDINGS = (r"mab|tinib|rafenib|lisib|parib|ciclib|lidomide|citabine|platin|taxel|rubicin|zomib|lutamide|trozole|"
                 r"xifen|terone|mustine|phamide|clax|brutinib")
DRUG_NAME = r"(?:\w+(?:" + _DRUG_ENDINGS + r")|" + _BRANDS + r")"
"""A cancer drug by brand name or class ending ("Xeloda", "capecitabine", "ibrutinib")."""
TREATMENT_NOUN = (
    r"(?:\w+(?:" + _DRUG_ENDINGS + r")|" + _BRANDS + r"|chemo(?:therapy)?|treatments?|therap(?:y|ies)|radiation|radiotherapy|"
    r"immunotherapy|infusions?|cycles?|medications?|medicines?|meds|pills|tablets|drugs?|surgery|operation|"
    r"transplant|car[\s-]?t|rituximab|appointments?\s+for\s+treatment|hormone\s+therapy|tamoxifen|letrozole|"
    r"anastrozole|targeted\s+therapy|doses?|sessions?|steroids?|prednisone|prednisolone|dexamethasone|antibiotics?|"
    r"hormone\s+(?:tablets|pills|injections)|injections?|shots|maintenance\s+\w+|mastectomy|lumpectomy|"
    r"prostatectomy|colectomy|resection|biopsy|(?:kinase\s+|checkpoint\s+|aromatase\s+)?inhibitors?|"
    r"(?:hormone\s+|oestrogen\s+|estrogen\s+|androgen\s+)?blockers?|"
    r"(?<!ward\s)rounds?(?=\s+of\s+(?:chemo|treatment|therapy|radio|immuno)|\s*[;,.]|\s+(?:so\s+far|already|now)\b)|"
    # "complete the course" (never "of course")
    r"(?:(?<=the\s)|(?<=your\s)|(?<=this\s)|(?<=full\s)|(?<=whole\s))course)"
)
# "the rest of the", "the full course of", "the last few rounds of": a part of the treatment
_PART_OF = (r"(?:(?:the|your|a|any|all)\s+)?(?:(?:full|whole|entire|complete|rest|remainder|last|final|remaining|other|"
            r"next|few|couple|second|third|half)\s+){1,2}(?:(?:course|round|rounds|part|lot|block|set)\s+)?of\s+")
TREATMENT = (
    r"(?:" + _PART_OF + r")?"
    r"(?:(?:your|the|this|that|all|any|my|their|further|more|prescribed|current|next|remaining|planned|"
    r"conventional|standard|regular|cancer|medical|last|final)\s+){0,3}(?:[\w'-]+\s+){0,2}?"
    + TREATMENT_NOUN
)
# the cancer treatments themselves (not symptom medicines): what "try a diet first" would put off
CANCER_TREATMENT = (
    r"(?:\w+(?:" + _DRUG_ENDINGS + r")|" + _BRANDS + r"|chemo(?:therapy)?|radiation|radiotherapy|immunotherapy|surgery|operation|"
    r"transplant|car[\s-]?t|hormone\s+therapy|targeted\s+therapy|systemic\s+therapy|mastectomy|lumpectomy|"
    r"prostatectomy|colectomy|resection|infusions?|(?:hormone|hormonal|cancer|targeted|chemo)\s+(?:treatment|tablets|pills|injections))"
)
TREATMENT_KEYS = ("round", "course", "chemo", "treatment", "therap", "radiation", "radiotherapy", "infusion", "cycle", "medic", "meds",
                  "pill", "tablet", "drug", "surgery", "operation", "transplant", "car t", "car-t", "cart",
                  "rituximab", "tamoxifen", "letrozole", "anastrozole", "dose", "session", "steroid", "predniso",
                  "dexa", "antibiot", "hormone", "injection", "shot", "maintenance", "mab", "nib", "lisib", "parib",
                  "ciclib", "lidomide", "citabine", "platin", "taxel", "rubicin", "zomib", "lutamide", "trozole",
                  "xifen", "terone", "mustine", "phamide", "clax", "ectomy", "resection", "biopsy", "inhibitor", "blocker") + _BRAND_KEYS

# products and practices offered in place of treatment
ALTERNATIVE = (
    r"(?:supplements?|herb(?:s|al)?|natural|naturally|turmeric|curcumin|vitamins?|mushrooms?|cannabis|cbd|hemp|"
    r"marijuana|juic(?:e|es|ing)|diets?|alkaline|keto(?:genic)?|vegan|raw\s+food|sugar-free|essential\s+oils?|"
    r"homeopath\w*|apricot\s+(?:kernels|seeds)|laetrile|vitamin\s+b17|detox\w*|fasting|cleanse|ozone|chelation|"
    r"mistletoe|high-dose\s+vitamin\s+c|remed(?:y|ies)|baking\s+soda|bicarbonate|coffee\s+enemas?|green\s+tea|garlic|"
    r"ginger|flaxseed|black\s+salve|colloidal\s+silver|ivermectin|fenbendazole|dmso|mms|graviola|soursop|essiac|"
    r"frankincense|prayer\s+alone|holistic|ayurved\w*|traditional\s+(?:chinese\s+)?(?:medicine|doctor|healer)|"
    r"healers?|oils?|teas?|tea|extracts?|tonics?|enemas?|acupuncture|meditation|positive\s+thinking|dietary|"
    r"nutritional|juicing|organic|plant-based|clean\s+(?:diet|eating)|integrative|naturopath\w*|functional\s+medicine|"
    r"complementary|hyperthermia|gerson|budwig|hoxsey|rife|bioresonance|immune\s+boost\w*|"
    r"natural\s+healing)"
)
ALTERNATIVE_KEYS = ("supplement", "herb", "natural", "turmeric", "curcumin", "vitamin", "mushroom", "cannabis", "cbd",
                    "hemp", "marijuana", "juic", "diet", "alkaline", "keto", "vegan", "raw food", "sugar", "oil",
                    "homeopath", "apricot", "laetrile", "b17", "detox", "fast", "cleanse", "ozone", "chelation",
                    "mistletoe", "remed", "baking soda", "bicarbonate", "enema", "tea", "garlic", "ginger",
                    "flaxseed", "salve", "silver", "ivermectin", "fenbendazole", "dmso", "mms", "graviola", "soursop",
                    "essiac", "frankincense", "prayer", "holistic", "ayurved", "traditional", "healer", "extract",
                    "tonic", "acupuncture", "meditation", "positive thinking", "nutritional", "organic", "plant-based",
                    "clean diet", "clean eating", "integrative", "naturopath", "functional medicine",
                    "complementary", "hyperthermia", "gerson", "budwig", "hoxsey", "rife", "bioresonance",
                    "immune boost")

# the people an answer may speak about besides the reader ("your husband will be cured", "your mum has weeks left")
RELATIVE = (r"(?:husband|wife|partner|mum|mom|mother|dad|father|son|daughter|child|kid|brother|sister|friend|"
            r"grandmother|grandfather|gran|nan|grandma|grandpa|aunt|uncle|baby|boy|girl|loved\s+one)")
PERSON = (r"(?:he|she|they|(?:your|his|her|their)\s+(?:\w+\s+)?" + RELATIVE + r"|(?<![\w'])(?:mum|mom|dad|mummy|daddy|grandma|"
          r"grandpa|gran|nan|grandad))")
"""Someone other than the reader whom the answer talks about: "she", "your husband", "his elderly mother"."""

# the disease, as the object of "cure" / "beat" / "remove"
CANCER = (r"(?:cancers?|tumou?rs?|lymphomas?|leuka?emias?|leukemias?|myelomas?|melanomas?|carcinomas?|sarcomas?|"
          r"lumps?|disease|illness|cancer\s+cells|growths?|metastas[ie]s|it|you)")
# a good outcome promised by a treatment
OUTCOME = (
    r"(?:cure[sd]?|curing|curable|heal(?:s|ed|ing)?|remission|cancer-free|disease-free|tumou?r-free|all\s+clear|"
    r"work(?:s|ed)?(?!\s+(?:with|on|out|through|together|at|in|from|hard|closely|as|for\s+you\s+to))|"
    r"succeed(?:s|ed)?|success(?:ful)?|effective|respond(?:s)?\s+(?:well|fully|completely|to\s+(?:it|this|that|treatment|the\s+\w+))|shrink(?:s)?|"
    r"disappear(?:s)?|go(?:es)?\s+away|beat(?:s)?|survive|recover(?:y)?|"
    # the disease held in check: "will stop the cancer spreading", "keep the tumour from growing"
    r"(?:stop|halt|keep)\s+(?:\w+\s+){0,3}?(?:from\s+)?(?:spreading|growing|progressing)|get(?:s)?\s+(?:it|them)\s+all\s+out|"
    r"be\s+(?:completely\s+|totally\s+|perfectly\s+)?(?:fine|ok|okay|clear|healthy|well|wiped\s+out|eliminated|eradicated|"
    r"destroyed|gone)\b|"
    r"(?:eliminat|eradicat|remov|destroy|kill|clear|wip|melt)(?:e|es|ed|ing|s)?\s+(?:out\s+|away\s+)?(?:\w+\s+){0,2}?"
    + CANCER + r"|get(?:s)?\s+rid\s+of\s+(?:\w+\s+){0,2}?" + CANCER + r"|knock(?:s|ed|ing)?\s+(?:\w+\s+){0,2}?" + CANCER
    + r"\s+out)"
)

# the disease coming back, or the treatment failing: promised never to happen
RETURN = (r"(?:come\s+back|comes\s+back|coming\s+back|be\s+back|return(?:s|ing)?|recur(?:s|ring)?|relapse(?:s)?|occur(?:s)?|"
          r"grow\s+back|fail(?:s|ure)?|stop\s+working|let\s+you\s+down)")
RETURN_KEYS = ("be back", "let you down", "come back", "comes back", "coming back", "return", "recur", "relapse", "occur", "grow back", "fail",
               "stop working")
