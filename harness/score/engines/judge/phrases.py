"""The judge's table of oncology abbreviations and phrases: spelling variants -> one canonical token.

Two texts that say the same thing often spell it differently ("CAR T", "CAR-T" and "chimeric antigen receptor
T-cell therapy"; "second-line" and "2nd line"). ``lexicon`` reads this table (before the clinician-register
rows of ``register.txt``) and the drug dictionary (``drugs``) to rewrite a text into comparable tokens.
"""

from __future__ import annotations

# Phrase -> canonical token. Applied to normalised (lower-case) text, longest alternatives first.
# Sources for the pairings: NCI Dictionary of Cancer Terms and FDA labels (brand/generic pairs the
# drug dictionary lacks as of 2025: Epkinly, Columvi, Lunsumio, Carvykti).
PHRASES: tuple[tuple[str, str], ...] = (
    (r"chimeric antigen receptor(?: \(car\))?(?: t[ -]cells?)?(?: therapy| treatment)?", "cart"),
    (r"car[ -]?t(?:[ -]cells?)?(?: cell)?(?: therapy| treatment)?", "cart"),
    (r"axi[ -]?cel|axicabtagene(?: ciloleucel)?|yescarta", "rx_axicabtagene_ciloleucel"),
    (r"liso[ -]?cel|lisocabtagene(?: maraleucel)?|breyanzi", "rx_lisocabtagene_maraleucel"),
    (r"tisa[ -]?cel|tisagenlecleucel|kymriah", "rx_tisagenlecleucel"),
    (r"brexu[ -]?cel|brexucabtagene(?: autoleucel)?|tecartus", "rx_brexucabtagene_autoleucel"),
    (r"ide[ -]?cel|idecabtagene(?: vicleucel)?|abecma", "rx_idecabtagene_vicleucel"),
    (r"cilta[ -]?cel|ciltacabtagene(?: autoleucel)?|carvykti", "rx_ciltacabtagene_autoleucel"),
    (r"epkinly", "rx_epcoritamab"),
    (r"columvi", "rx_glofitamab"),
    (r"lunsumio", "rx_mosunetuzumab"),
    (r"loncastuximab(?: tesirine)?|zynlonta", "rx_loncastuximab_tesirine"),
    (r"polatuzumab(?: vedotin)?|polivy", "rx_polatuzumab_vedotin"),
    (r"r[ -]?chop(?:[ -]?(?:14|21))?", "rchop rx_rituximab rx_cyclophosphamide rx_doxorubicin rx_vincristine rx_prednisone"),
    (r"pola[ -]?r[ -]?chp", "polarchp rx_polatuzumab_vedotin rx_rituximab rx_cyclophosphamide rx_doxorubicin rx_prednisone"),
    (r"pola[ -]?br", "polabr rx_polatuzumab_vedotin rx_bendamustine rx_rituximab"),
    (r"gem[ -]?ox", "gemox rx_gemcitabine rx_oxaliplatin"),
    (r"bispecific (?:t[ -]cell (?:engager )?)?antibod(?:y|ies)|bispecifics", "bispecific"),
    (r"diffuse large b[ -]?cell lymphomas?|dlbcl", "dlbcl lbcl lymphom"),
    (r"large b[ -]?cell lymphomas?|lbcl", "lbcl lymphom"),
    (r"non[ -]?hodgkin'?s? lymphomas?|nhl", "nhl lymphom"),
    (r"hodgkin'?s? lymphomas?|hodgkin'?s? disease|c?hl", "hodgkin lymphom"),
    (r"autologous (?:hematopoietic |haematopoietic )?stem[ -]cell transplant(?:ation)?s?|auto[ -]?sct|asct",
     "asct"),
    (r"allogeneic (?:hematopoietic |haematopoietic )?stem[ -]cell transplant(?:ation)?s?|allo[ -]?sct", "allosct"),
    (r"(?:hematopoietic |haematopoietic )?stem[ -]cell transplant(?:ation)?s?|h?sct|bone marrow transplant(?:ation)?s?|bmt",
     "sct"),
    (r"high[ -]dose chemo(?:therapy)?", "hdc"),
    (r"cytokine release syndrome|crs", "crs"),
    (r"immune effector cell[ -]associated neurotoxicity(?: syndrome)?|icans", "icans neurotox"),
    (r"circulating tumou?r dna|ctdna", "ctdna"),
    (r"(?:minimal|measurable) residual disease|mrd", "mrd"),
    (r"pet[ /-]?ct|pet scans?|positron emission tomography", "petct"),
    (r"computed tomography|ct scans?|cat scans?", "ctscan"),
    (r"non[ -]small[ -]cell lung cancer|nsclc", "nsclc lung canc"),
    (r"small[ -]cell lung cancer|sclc", "sclc lung canc"),
    (r"epidermal growth factor receptor|egfr", "egfr"),
    (r"tyrosine kinase inhibitors?|tkis?", "tki target pill inhibit"),
    (r"antibody[ -]drug conjugates?|adcs?", "adc"),
    (r"overall survival", "os_surv"),
    (r"progression[ -]free survival|pfs", "pfs"),
    (r"event[ -]free survival|efs", "efs"),
    (r"(?:overall |objective )?response rates?|orr", "orr"),
    (r"complete (?:metabolic )?(?:response|remission)s?|cr", "cresp remission"),
    (r"food and drug administration|fda", "fda"),
    (r"selective serotonin reuptake inhibitors?|ssris?", "ssri"),
    (r"non[ -]?steroidal anti[ -]?inflammatory drugs?|nsaids?", "nsaid"),
    (r"urinary tract infections?|utis?", "uti"),
    (r"chemo(?:therapy|therapies)?", "chemotherapy"),
    (r"radiation(?: therapy| treatments?)?|radiotherapy|irradiation", "radiotherapy"),
    (r"clinical (?:research )?(?:trials?|studies|study)|trials?", "clintrial"),
    (r"(?:first|1st)[ -]line|front[ -]?line|initial (?:treatment|therapy)", "line1"),
    (r"(?:second|2nd)[ -]line", "line2"),
    (r"(?:third|3rd)[ -]line(?: (?:or later|and beyond|\+))?|(?:after (?:at least )?2(?: or more)?|(?:at least )?2 or more) "
     r"(?:other |prior |previous |earlier |different )?(?:lines|therapies|treatments|regimens)"
     r"(?: of (?:therapy|treatment))?", "line3"),
    (r"tumou?rs?", "tumor canc"),
    # patient words for clinical ones (NCI Dictionary of Cancer Terms)
    (r"fatigue|tiredness|(?:feeling |feel )?(?:very )?tired|exhaustion", "fatigue"),
    (r"hair loss|alopecia|losing (?:your |their )?hair", "alopecia"),
    (r"nausea|feel(?:ing)? sick to (?:your|the) stomach|queasy", "nausea"),
    (r"vomiting|throwing up|being sick", "vomiting"),
    (r"shortness of breath|short of breath|trouble breathing|breathless(?:ness)?|dyspnea", "dyspnea"),
    (r"high temperature|fever|febrile", "fever"),
    (r"white blood cells?(?: counts?)?|leukocytes?|neutrophils?", "wbc"),
    (r"oesophag(?:us|eal|itis)", "esophag"),
    (r"an(?:a)?emi(?:a|c)", "anemia"),
    (r"diarrhoea", "diarrhea"),
    (r"haematolog", "hematolog"),
    (r"covid[ -]?19|sars[ -]?cov[ -]?2|(?:novel )?coronavirus(?: disease)?", "covid"),
)
