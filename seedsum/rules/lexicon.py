"""Word lists the rules share: speech verbs, titles, role and organization nouns, common
capitalized words and first names. Plain data; every list is small and general English.
"""

from __future__ import annotations

from .._patterns import alternation as alternation


def words(text: str) -> frozenset[str]:
    """The whitespace-separated words of `text`, as a set."""
    return frozenset(text.split())


# -- speech --------------------------------------------------------------------------------

#: Verbs that introduce reported speech as a clause ("X said (that) ...").
#: Present-tense forms that double as plural nouns ("claims", "notes", "promises", "states")
#: are left out on purpose.
CLAUSE_VERBS = words(
    """said says say added adds argued argues argue insisted insists insist warned warns warn
    noted stressed acknowledged acknowledges admitted admits claimed contended contends
    maintained maintains suggested suggests predicted predicts believes believed thinks
    wrote writes explained explains cautioned cautions conceded concedes emphasized
    emphasised emphasizes emphasises complained complains announced announces declared
    declares vowed vows pledged promised signaled signalled estimated reiterated reiterates
    confirmed confirms asserted asserts observed remarked recalled replied responded
    countered agreed agrees concluded forecast projected expects feared fears
    stated hinted indicated indicates reckons reckoned mentioned repeated repeats estimate
    think believe fear"""
)
#: Of those, the ones that take a clause without "that" ("Kovel said she expects ...");
#: the others need "that" ("acknowledged that ...", not "acknowledged the pressure").
BARE_CLAUSE_VERBS = words(
    """
    said says say added adds argued argues argue insisted insists insist warned warns warn
    believes believed thinks claimed contended contends predicted predicts suggested
    suggests wrote writes reckons reckoned expects feared fears think believe signalled
    signaled fear saying adding arguing warning insisting predicting suggesting claiming
    """
)
#: Verbs whose object comes before the clause ("X told reporters that ...").
TELL_VERBS = words("told tells tell assured assures reminded reminds informed informs")
#: Verbs that name something with a quoted fragment ("X called the plan “reckless”").
NAMING_VERBS = words(
    """called calls described describes dubbed dubs branded brands labelled labeled labels
    termed terms characterized characterised hailed praised criticized criticised
    denounced dismissed calling describing dubbing branding"""
)
#: Participles that continue an attribution ("..., adding that ...").
PARTICIPLES = words(
    """adding saying arguing noting warning insisting stressing explaining suggesting
    acknowledging claiming cautioning predicting ruling concluding declaring"""
)
#: Verbs of stance that attribute a position without speech ("Oskland opposes any cap",
#: "Varnia wants the tariff scrapped", "the ministry is pushing for a transition", "urged
#: both sides to accept mediation"): the quote is the verb phrase, and it is a position even
#: when what is wanted lies in the future (GUIDELINES.md).
STANCE_VERBS = words(
    """wants want opposes oppose supports support backs favours favors favour favor rejects
    reject demands blames blame urged urges rejected opposed backed supported demanded
    welcomed welcomes dismissed dismisses"""
) | {
    "is demanding",
    "are demanding",
    "is seeking",
    "are seeking",
    "is urging",
    "are urging",
    "is asking for",
    "are asking for",
    "is pushing for",
    "are pushing for",
    # negated stances are stances too ("the union does not oppose automation in principle")
    "does not oppose",
    "do not oppose",
    "did not oppose",
    "does not support",
    "do not support",
    "does not want",
    "do not want",
    "is calling for",
    "are calling for",
    "calls for",
    "called for",
    "called on",
    "calls on",
    "is pressing for",
    "are pressing for",
    "is lobbying for",
    "are lobbying for",
    "lobbies for",
    "is campaigning for",
    "are campaigning for",
    "is proposing",
    "are proposing",
    "pushes for",
    "presses for",
    "has asked",
    "have asked",
    "accused",
    "accuses",
    "has accused",
    "refuses to",
    "has refused to",
    "have refused to",
    "regard",
    "regards",
}
# "is also lobbying for", "are still pushing for": the progressive stances with an adverb.
STANCE_VERBS |= {
    f"{be} {adverb} {rest}"
    for phrase in STANCE_VERBS
    if phrase.startswith(("is ", "are "))
    for be, rest in [phrase.split(" ", 1)]
    for adverb in ("also", "now", "still")
}
#: Verbs of expectation and plan that attribute a prediction without speech ("Economists at
#: X expect the deal to exclude fuel", "the company plans to cut 300 jobs"): the quote is
#: the verb phrase.
PLAN_VERBS = (
    words("expects expect anticipates anticipate")
    | {
        "plans to",
        "plan to",
        "intends to",
        "intend to",
        "aims to",
        "aim to",
        "is preparing to",
        "are preparing to",
        # "Benn has promised a budget with spending cuts in October": a promise is a plan.
        "has promised",
        "have promised",
        # "has threatened industrial action if ...", "hopes to recruit 40 nurses": a warning
        # of one's own action, an intention (GUIDELINES v8).
        "has threatened",
        "have threatened",
        "threatens to",
        "threaten to",
        "hopes to",
        "hope to",
        # "has agreed to spend 85 million crowns", "has ruled out further concessions": a
        # commitment and a negated intention, no hedge (GUIDELINES v9).
        "has agreed to",
        "have agreed to",
        "has ruled out",
        "have ruled out",
    }
    | {
        # "She puts the chance of a deal at one in four": an estimate, with no speech verb.
        f"{verb} {determiner} {noun}"
        for verb in ("put", "puts")
        for determiner in ("the", "its", "their")
        for noun in ("chance", "chances", "odds", "probability", "likelihood", "risk")
    }
)

#: Verbs that attribute a direct quotation ("“…,” she said").
QUOTE_VERBS = words(
    """said says added adds told tells argued argues insisted insists warned warns noted
    wrote writes explained explains asked asks replied replies continued continues
    cautioned conceded stressed recalled remarked observed declared predicted suggested
    acknowledged admitted countered quipped concluded emphasized emphasised maintained
    complained joked recalled responded stated insisted answered agreed promised vowed
    announced"""
)

# -- people --------------------------------------------------------------------------------

#: Capitalized words that, ending a run before a name, make the run a title
#: ("Foreign Minister", "U.S. President", "Governor").
TITLE_HEADS = words(
    """President President-elect Minister Secretary Secretary-General Chancellor Governor
    Ambassador Senator Sen. Representative Rep. Congressman Congresswoman General Gen.
    Admiral Adm. Colonel Col. Captain Capt. Major Lieutenant Lt. Sergeant Sgt. Judge
    Justice Mayor King Queen Prince Princess Emperor Pope Patriarch Archbishop Bishop
    Cardinal Rabbi Imam Sheikh Ayatollah Dr. Dr Professor Prof. Mr. Mrs. Ms. Mr Mrs Ms
    Sir Dame Lord Lady Chairman Chairwoman Chair Speaker Commissioner Director Spokesman
    Spokeswoman Spokesperson Premier Envoy Marshal Commander Chief Prosecutor Rev.
    Reverend Councillor Councilman Councilwoman Deputy Vice-President CEO Leader MP MEP
    Counselor Counsellor Adviser Advisor Treasurer Auditor Ombudsman Consul Attorney
    Executive"""
)
#: Title words that are complete without a head ("Prime" needs "Minister", these do not).
TITLE_MODIFIERS = words(
    """Prime Foreign Finance Defence Defense Interior Home Economy Economic Energy Trade
    Health Justice Education Culture Labour Labor Agriculture Transport Environment
    Digital Industry Development Security Deputy Vice Acting Former Chief Executive State
    First Senior Junior Special General Supreme Grand High Lord Crown Minority Majority
    Opposition Party Central Bank Federal National Regional Provincial Governing Ruling
    Interim Caretaker Attorney"""
)
#: Nouns that head a person's role in an apposition ("a senior fellow at ...").
PERSON_ROLE_NOUNS = words(
    """planner skipper deckhand fisherman fisherwoman driver nurse surgeon pilot sailor
    trawlerman crofter winemaker baker butcher publican landlady chef waiter cleaner welder
    electrician plumber carpenter accountant pensioner retiree volunteer vicar magistrate
    barrister solicitor councillor alderman constable detective soldier reporter photographer
    filmmaker artist musician singer actor proprietor steward dispatcher fellow analyst
    analysts economist minister director head chief chairman chairwoman
    chair chairperson president spokesman spokeswoman spokesperson professor scientist
    researcher expert diplomat negotiator ambassador envoy executive officer official
    adviser advisor secretary governor mayor leader founder co-founder cofounder editor
    correspondent journalist lawyer attorney judge general commander deputy member
    lawmaker legislator senator congressman congresswoman representative strategist
    manager partner historian author consultant specialist campaigner activist organizer
    organiser coordinator commissioner candidate rapporteur lecturer dean trustee banker
    investor entrepreneur owner chancellor premier prosecutor inspector auditor mediator
    counterpart mp mep ceo cfo coo cto economist politician spokesperson sociologist
    political demographer pollster researcher physician doctor engineer farmer teacher
    student veteran resident priest bishop cleric imam rabbi monk nun princess prince king
    queen speaker whip treasurer consul ombudsman regulator-in-chief columnist commentator
    observer associate principal professor-emeritus emeritus architect playwright novelist
    writer broadcaster presenter host director-general secretary-general vice-president
    vice-chair vice-chairman superintendent sheriff colonel captain lieutenant sergeant
    admiral marshal officer aide staffer adviser chairman-elect president-elect
    ex-minister"""
)
#: Nouns that head an organization's apposition ("a Canadian company that ...").
ORG_ROLE_NOUNS = words(
    """company firm startup start-up bank lender insurer consultancy operator producer
    manufacturer maker conglomerate corporation business retailer supplier developer
    utility broadcaster newspaper agency institute organization organisation party union
    association federation council body authority regulator ministry nonprofit
    non-profit charity foundation university fund consortium group subsidiary airline
    carrier exchange court tribunal watchdog thinktank outlet publisher platform
    cooperative co-operative club league chamber syndicate agency pollster studio lab
    laboratory chain supermarket carmaker automaker steelmaker chipmaker drugmaker
    shipbuilder refiner brewer shipper distributor wholesaler builder line"""
)
#: Nouns that head an apposition of a person, a company or a state alike ("a freight
#: broker", "the region’s largest exporter"): a role, but no kind.
NEUTRAL_ROLE_NOUNS = words(
    """broker exporter importer buyer seller dealer trader neighbour neighbor customer
    client creditor debtor shareholder stakeholder miner miller bidder owner partner rival
    investor lessee tenant landlord"""
)
#: Nouns that make an apposition a loose collective ("a volunteer-run digital rights
#: collective"): kind "group".
GROUP_ROLE_NOUNS = words(
    """collective movement network coalition campaign militia faction alliance bloc
    caucus community tribe clan initiative"""
)
#: Nouns that make an apposition a state ("a country of six million people").
STATE_ROLE_NOUNS = words(
    """country nation state republic kingdom monarchy emirate sultanate principality
    archipelago federation"""
)
#: What a state has and an organization does not ("X, whose economy ...").
STATE_OWNED_NOUNS = words(
    """economy government president parliament capital currency army navy border borders
    port ports coast coastline population exports imports territory constitution"""
)

# -- organizations and things that are not actors --------------------------------------------

#: Final words of organization names ("National Bank", "Civic Union", "Corvane Resources").
#: The last words of political parties' names ("the Greens", "Democratic Left").
PARTY_KEYWORDS = words("Left Greens Democrats Liberals Conservatives Socialists Voters Republicans")
ORG_KEYWORDS = (
    words(
        """Bank Institute Institution University College School Center Centre Council Union
    Alliance Party Federation Association Ministry Department Agency Authority Commission
    Committee Company Corporation Corp Corp. Inc Inc. Ltd Ltd. LLC PLC AG SA GmbH Group
    Holdings Capital Partners Fund Foundation Trust Society Organization Organisation
    Office Bureau Court Parliament Assembly Congress Senate Cabinet Government Army Forces
    Navy Police Guard Front Movement Coalition League Network Club Board Resources Energy
    Industries Technologies Systems Airlines Airways Motors Consortium Times Post News
    Press Research Observatory Forum Watch Academy Secretariat Tribunal Reserve Exchange
    Service Services Party Caucus Chamber Bloc Brigade Brigades Council Labs Media
    Broadcasting Petroleum Oil Gas Power Mining Metals Steel Pharmaceuticals Bancorp
    Insurance Investments Securities Ventures Associates Studios Electric Telecom Communications
    Logistics Shipping Railways Group Conference Initiative Cooperative Regulator
    Inspectorate Directorate Hospital Hospitals Clinic Utilities Utility Railway Airline
    Guild Guilds Syndicate Co-operative Airport Ferries Batteries Foods Chemicals Breweries
    Brewery Fisheries Seafoods Textiles Automotive Aerospace Supermarkets Stores Mills
    Estates Engineering Biologics Dairies Farms Confederation Water Wind Solar Rail Mobile
    Friends Therapeutics Pharma Biotech Diagnostics"""
    )
    | PARTY_KEYWORDS
)
#: Of those, the ones that make a loose collective ("group" kind).
GROUP_KEYWORDS = words("Movement Front Coalition Network Brigade Brigades Bloc Caucus Friends")
#: Final words of names that are places, events or documents, not actors.
NON_ACTOR_KEYWORDS = words(
    """River Sea Ocean Lake Bay Gulf Strait Straits Canal Mountains Mountain Mount Valley
    Island Islands Peninsula Desert Forest Palace Street Avenue Square Road Bridge Hall
    Port Harbor Harbour Station Stadium Province Region District County State
    Oblast Territory Territories Coast Basin Plain Plains Corridor Pipeline Project
    Programme Program Plan Bill Act Law Treaty Agreement Accord Accords Convention
    Protocol Strategy Report Review Summit Talks Process Declaration Charter Doctrine
    Directive Regulation Regulations Index Day Week Month Year War Crisis Deal Cup Games
    Olympics Prize Award Line Zone Field Fields Building Tower Towers Cathedral Church Ward
    Mosque Temple Museum Park Garden Gardens Market Prices Street Way Highway Route
    Pass Heights Hills Hill Falls Delta Cape Reef Sound Cemetery Camp Base Quay Wharf Pier
    Berth Dock Docks Estate"""
)
#: Adjective suffixes after a hyphen ("Moscow-based"): the word is not a name.
HYPHEN_ADJECTIVES = words(
    """based led backed owned run funded sponsored born made built affiliated aligned
    linked controlled friendly style era"""
)
WEEKDAYS_MONTHS = words(
    """Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March
    April May June July August September October November December Jan. Feb. Mar. Apr.
    Jun. Jul. Aug. Sep. Sept. Oct. Nov. Dec."""
)

#: Capitalized adjectives that may begin an organization's name ("National Bank of ...").
NAME_ADJECTIVES = words(
    """Local Regional National Political Economic Financial Business Government Opposition
    Western Eastern Northern Southern Central Senior Chief Former Current New Old Final
    Recent Top Key Main Major Minor Big Small Large High Low Long Short Good Bad Open Closed
    Full Real True Free Green Social Democratic Liberal Conservative People’s United Royal
    Federal International Global First Second Third Supreme General Public Independent"""
)

#: Capitalized words that are ordinary English when they start a sentence or a heading.
COMMON_CAPITALIZED = words(
    """A An The This That These Those There Here It Its It’s He She They We I You His Her
    Their Our My Your Him Them Us Me Who Whom Whose What Which When Where Why How Whether
    If Although Though Because Since As At By For From In Into On Onto Over Under With
    Without Within Against Among Between Beyond Beneath Behind Back Largely Instead
    Unlike Like Until Unless Whatever Whoever Whichever Once Even Only Just Not Nor Or
    And But So Then Thus Hence Therefore Indeed Still Yet Also Now Today Tomorrow
    Yesterday Tonight Last Next Such Some Many Most Few Several Both Each Every Any All No
    None Nobody Everyone Everybody Everything Nothing Someone Somebody Something Anyone
    Other Others Another Asked Pressed Speaking According Following Despite After Before
    During While Meanwhile However Moreover Furthermore Nonetheless Nevertheless
    Otherwise Perhaps Maybe Certainly Clearly Obviously Apparently Ultimately Initially
    Finally First Second Third Fourth Fifth Sixth Seventh Eighth Ninth Tenth Earlier Later
    Late Early Recently Already Again Almost Nearly About Around Above Below Across Along
    Toward Towards Upon Via Per Amid Amidst Throughout Outside Inside Near Off Out Up Down
    Yes Well Oh Please Thanks Experts Analysts Officials Critics Observers Economists
    Diplomats Residents Investors Voters Lawmakers Supporters Opponents Negotiators
    Delegations Delegates Ministers Leaders Governments Businesses Companies Markets Prices
    Inflation Surveys Polls Data Figures Sources People Local Regional National Political
    Economic Financial Business Government Opposition Western Eastern Northern Southern
    Central Senior Chief Former Current New Old Final Recent Top Key Main Major Minor Big
    Small Large High Low Long Short Good Bad Open Closed Full Real True Further More Less
    Much Little Very Too Quite Rather Overall Together Neither Either Whoever Whenever
    Wherever Everywhere Elsewhere Nowhere Somewhere Sometimes Often Usually Always Never
    Rarely Seldom Soon Shortly Gradually Suddenly Eventually Lastly Briefly Notably
    Importantly Interestingly Ironically Fortunately Unfortunately Sadly Crucially
    Separately Similarly Likewise Additionally Conversely Regardless Admittedly Arguably
    Officially Privately Publicly Formally Technically Practically Economically
    Politically Historically Traditionally Critically Reportedly Allegedly Supposedly
    Roughly Approximately Exactly Precisely Especially Particularly Mostly Partly Fully
    Entirely Completely Absolutely Totally Mainly Chiefly Primarily Basically Essentially
    Generally Broadly Widely Largely Simply Merely Purely Solely Alone Given Taken Based
    Compared Faced Hit Seen Set Told Urged Backed Hoping Seeking Trying Looking Speaking
    Writing Addressing Responding Reacting Commenting Referring Turning Returning Citing
    Including Excluding Regarding Concerning Considering Assuming Beginning Starting
    Ending Having Being Getting Making Taking Giving Keeping Leaving Putting Bringing
    Meeting Talks Talk Statement Report News Update Analysis Opinion Comment Editorial
    Interview Breaking Exclusive Photo Video Read Watch Listen Share Follow Subscribe
    Sign Click Note Update Editor’s Editors Correction Source Sources Image Images Mr Mrs
    Ms Dr Sir Madam Dear Hello Hi OK Okay Whereas Wherein Thereby Herein Said Says"""
) | words(
    # Contractions that start a sentence, above all in interviews ("I’d be surprised").
    """I’d I'd I’m I'm I’ll I'll I’ve I've We’d We'd We’re We're We’ll We'll We’ve We've
    They’re They're They’ll They'll They’ve They've You’re You're You’ll You'll Let’s Let's
    Don’t Don't Can’t Can't Won’t Won't Isn’t Isn't Didn’t Didn't Doesn’t Doesn't There’s
    There's That’s That's What’s What's Here’s Here's He’s He's She’s She's"""
)

# -- gender from first names -----------------------------------------------------------------

FEMALE_FIRST_NAMES = words(
    """Ada Adriana Agnes Aisha Alejandra Alexandra Alice Alicia Alina Alison Amanda Amelia
    Amina Amy Ana Anastasia Andrea Angela Angelika Anita Anja Anna Anne Annika Antonia Ava
    Barbara Beata Beatriz Bettina Birgit Brigitte Camila Carla Carmen Carolina Caroline
    Catherine Cecilia Charlotte Chloe Christina Christine Claire Clara Claudia Daniela
    Daria Deborah Diana Dina Dominika Dorota Elena Eleni Elif Elisa Elisabeth Elizabeth
    Ella Ellen Elsa Emilia Emily Emma Erika Esther Eva Fatima Fiona Francesca Gabriela
    Gabriele Gina Giulia Grace Greta Hanna Hannah Heidi Helen Helena Helga Ida Ilona Ines
    Inga Ingrid Irina Iris Isabel Isabella Ivana Jana Jane Janet Jennifer Jessica Joanna
    Johanna Julia Julie Karen Karin Katarina Katarzyna Katherine Kathrin Katja Kerstin
    Kristina Laura Lea Leila Lena Lina Linda Lisa Lisette Liudmila Louise Lucia Lucy
    Ludmila Luisa Lydia Magdalena Maja Malgorzata Margaret Margarethe Margit Maria Mariana
    Marie Marina Marta Martina Mary Maya Mira Miriam Monika Nadia Nadezhda Natalia Natalya
    Nathalie Nicole Nina Nora Olena Olga Oksana Patricia Paula Petra Polina Rachel Rebecca
    Renata Rita Rosa Ruth Sabine Sandra Sara Sarah Silvia Simone Sofia Sophie Stella
    Susan Svetlana Tamara Tanja Tatiana Tatyana Teresa Ursula Valentina Vanessa Vera
    Veronika Victoria Viktoria Yulia Yuliya Zeynep Zoe Zofia Ingeborg Marit Sigrid Astrid
    Solveig Liv Maren Ane Kaja Tove"""
)
MALE_FIRST_NAMES = words(
    """Aaron Abdul Adam Ahmed Alan Albert Aleksandr Aleksei Alex Alexander Alexei Ali
    Andrei Andrew Andrzej Anton Antonio Arturo Bernd Boris Brian Carlos Charles Christian
    Christoph Christopher Daniel David Dennis Dmitri Dmitry Donald Edward Eldon Emmanuel
    Erik Eskil Felix Fernando Florian Francisco Frank Franz Friedrich Georg George Gerhard
    Giorgos Giuseppe Gustav Hans Harald Heinrich Henrik Henry Hugo Igor Ivan Ivo Jakob
    James Jan Javier Jean Jens Joachim Johan Johannes John Jonas Jorge Jose Josef Joseph
    Juan Jurgen Karl Kerem Klaus Konstantin Kurt Lars Leon Leonid Lorenzo Lukas Luca Luis
    Lukasz Magnus Manuel Marco Marcus Marek Mario Mark Markus Martin Matteo Matthias
    Maxim Michael Michal Miguel Mikhail Mohammed Muhammad Nikolai Nikolaus Niklas Olaf
    Oleg Oleksandr Olivier Oskar Pablo Patrick Paul Pavel Pedro Peter Petr Philipp Piotr
    Rafael Ralf Ricardo Richard Robert Roberto Roman Rudolf Sebastian Sergei Sergey Simon
    Stefan Stephan Steven Sven Thomas Tobias Tomas Tomasz Viktor Vladimir Volodymyr
    Walter Werner William Wolfgang Xavier Yuri Yves Zoltan Dániel Daniil Vasily Mehmet
    Mustafa Recep Emre Ole Nils Knut Bjorn Björn Per Arne Rolf Dieter Uwe Jochen Günter
    Gunter Jürgen Marcel Pierre Louis Jacques Michel Andre André Bruno Dario Enrico Fabio
    Gianni Paolo Sergio Tiago Joao João Diego Alberto Alfonso Eduardo Emilio Felipe
    Gabriel Hector Ignacio Julio Lucas Mateo Nicolas Oscar Ramon Raul Salvador Santiago
    Victor Donald Joe Barack Emmanuel Olaf Rishi Keir Xi Narendra Recep Benjamin Volodymyr
    Dmitro Dmytro Taras Bogdan Bohdan Radek Jaroslav Miroslav Zdenek Ladislav Viktor"""
)
