package timeline

import "net/url"

// DemoSourceTitle is the title of the Enab Baladi article the demo data comes from.
const DemoSourceTitle = "سوريا تريد نقل العلاقة مع روسيا إلى مستوى استراتيجي"

// DemoEvents returns the Syria–Russia events reported by Enab Baladi on
// 24 December 2025, the data a new dyad database starts with: told in
// English, with an Arabic text each in the article's own words.
func DemoEvents() []*Event {
	// The article's own address could not be checked when this was written,
	// so the source points at the publisher's search for its exact title.
	src := Source{
		URL:       "https://www.enabbaladi.net/?s=" + url.QueryEscape(DemoSourceTitle),
		Title:     DemoSourceTitle,
		Publisher: "Enab Baladi",
		Language:  "ar",
		Published: MustParseDate("2025-12-24"),
		Retrieved: MustParseDate("2025-12-24"),
	}
	cite := []Citation{{Source: src}}
	sy, ru := Country("SY"), Country("RU")
	putin := Actor{Name: "Vladimir Putin", Role: "President", Country: ru}
	sharaa := Actor{Name: "Ahmed al-Sharaa", Role: "President (transitional period)", Country: sy}
	shaibani := Actor{Name: "Asaad al-Shaibani", Role: "Foreign Minister", Country: sy}
	return []*Event{
		{
			Date:  MustParseDate("1970s"),
			Title: "Syrian–Soviet political ties take shape under Hafez al-Assad",
			Description: "Political relations between Syria and the Soviet Union date to the 1970s " +
				"and were strengthened under President Hafez al-Assad.",
			Texts: []Text{{Lang: "ar", Title: "علاقة سياسية تاريخية تعززت في عهد حافظ الأسد",
				Description: "تتمتع سوريا وروسيا بعلاقة سياسية تاريخية تمتد إلى سبعينيات القرن الماضي، منذ حقبة الاتحاد السوفييتي، " +
					"وقد تعززت هذه العلاقة في عهد الرئيس الأسبق حافظ الأسد."}},
			Kind: KindCooperate,
			// The 1970s were the Soviet Union's: the event is recorded
			// with it, and shows on Syria–Russia as its heir's.
			Countries: []Country{sy, "SU"},
			Actors:    []Actor{{Name: "Hafez al-Assad", Role: "President", Country: sy}},
			Tags:      []string{"politics", "history"},
			Sources:   cite,
		},
		{
			Date:  MustParseDate("2025-10-15"),
			Title: "Al-Sharaa visits Putin at the Kremlin",
			Description: "President Vladimir Putin received Syria's transitional-period President Ahmed al-Sharaa at the Kremlin.\n\n" +
				"Al-Sharaa said the new Syria seeks to rebuild its strategic and political relations with all states, Russia first, " +
				"that much of Syria's food security depends on Russian production and that many power stations draw on Russian expertise.",
			Texts: []Text{{Lang: "ar", Title: "الشرع يزور بوتين في الكرملين",
				Description: "استقبل الرئيس الروسي، فلاديمير بوتين، في موسكو بتاريخ 15 تشرين الأول، الرئيس السوري في المرحلة الانتقالية، أحمد الشرع.\n\n" +
					"وخلال اجتماعه مع بوتين في الكرملين، أكد الرئيس الشرع أن سوريا الجديدة تسعى لإعادة بناء علاقاتها الاستراتيجية والسياسية مع جميع الدول، وفي مقدمتها روسيا."}},
			Kind:      KindVisit,
			Countries: []Country{sy, ru},
			Initiator: sy,
			Location:  "Kremlin, Moscow",
			Actors:    []Actor{sharaa, putin},
			Tags:      []string{"politics", "economy"},
			Sources:   cite,
		},
		{
			Date:  MustParseDate("2025-10"),
			Title: "Novak: Russia is ready to help rebuild Syria's infrastructure",
			Description: "Deputy Prime Minister Alexander Novak said Syria urgently needs to rebuild its infrastructure and Russia is ready to help; " +
				"the two sides agreed that an intergovernmental commission will meet soon.\n\n" +
				"The Kremlin talks also covered humanitarian supplies, tourism, Syrian interest in Russian wheat and medicines, " +
				"and Russia's readiness to keep working in Syrian oil fields.",
			Texts: []Text{{Lang: "ar", Title: "نوفاك: روسيا مستعدة لتقديم الدعم لإعادة بناء البنية التحتية السورية",
				Description: "ذكر نائب رئيس مجلس الوزراء الروسي، ألكسندر نوفاك، أن سوريا بحاجة ماسة لإعادة بناء بنيتها التحتية، وأن روسيا مستعدة لتقديم الدعم اللازم. " +
					"وأشار إلى اتفاق روسيا وسوريا على عقد اجتماع للجنة حكومية دولية قريبًا."}},
			Kind:      KindIntent,
			Countries: []Country{sy, ru},
			Initiator: ru,
			Location:  "Moscow",
			Actors:    []Actor{{Name: "Alexander Novak", Role: "Deputy Prime Minister", Country: ru}},
			Tags:      []string{"economy", "humanitarian"},
			Sources:   cite,
		},
		{
			Date:  MustParseDate("2025-12-23"),
			Title: "Putin meets al-Shaibani and Abu Qasra in Moscow",
			Description: "Putin met Syrian Foreign Minister Asaad al-Shaibani in Moscow; Defence Minister Murhaf Abu Qasra accompanied him.\n\n" +
				"According to SANA the talks covered military and technical partnership: modernising equipment, " +
				"transfer of expertise, joint research and development.",
			Texts: []Text{{Lang: "ar", Title: "بوتين يلتقي الشيباني وأبو قصرة في موسكو",
				Description: "أجرى الرئيس الروسي، فلاديمير بوتين، لقاءً \"جيدًا\" مع وزير الخارجية السوري، أسعد الشيباني، في موسكو يوم الثلاثاء 23 كانون الأول، " +
					"ضمن زيارة قام بها الشيباني برفقة وزير الدفاع السوري، مرهف أبو قصرة.\n\n" +
					"وذكرت وكالة الأنباء السورية (سانا) أن اللقاءات شملت بحث سبل تطوير الشراكة العسكرية والتقنية."}},
			Kind:      KindVisit,
			Countries: []Country{sy, ru},
			Initiator: sy,
			Location:  "Moscow",
			Actors:    []Actor{shaibani, {Name: "Murhaf Abu Qasra", Role: "Defence Minister", Country: sy}, putin},
			Tags:      []string{"politics", "military"},
			Sources:   cite,
		},
		{
			Date:  MustParseDate("2025-12-24"),
			Title: "Al-Shaibani and Lavrov: relations enter a new phase",
			Description: "At a press conference in Moscow, al-Shaibani said relations are entering a new phase and Syria wants to raise them to a strategic level; " +
				"he spoke of some four million destroyed homes and of refugees waiting to return, and asked for Russian support in attracting investment.\n\n" +
				"Foreign Minister Sergey Lavrov reaffirmed Russia's commitment to Syria's sovereignty, unity and independence " +
				"and said the sides reached substantive agreements on trade and economic relations.",
			Texts: []Text{{Lang: "ar", Title: "الشيباني ولافروف: العلاقات تدخل مرحلة جديدة",
				Description: "في مؤتمر صحفي عُقد يوم الأربعاء 24 من كانون الأول، صرح الشيباني بأن العلاقات الروسية-السورية تشهد دخول مرحلة جديدة، " +
					"معربًا عن تطلعه للارتقاء بالعلاقات الثنائية إلى مستوى استراتيجي.\n\n" +
					"من جهته، جدد لافروف تأكيد التزام روسيا الثابت بسيادة سوريا ووحدة أراضيها واستقلالها، " +
					"وأفاد بأن الطرفين توصلا إلى اتفاقيات جوهرية تتعلق بتطوير العلاقات التجارية والاقتصادية."}},
			Kind:      KindStatement,
			Countries: []Country{sy, ru},
			Location:  "Moscow",
			Actors:    []Actor{shaibani, {Name: "Sergey Lavrov", Role: "Foreign Minister", Country: ru}},
			Tags:      []string{"politics", "economy"},
			Sources:   cite,
		},
		{
			Date:        MustParseDate("2025-12"),
			Title:       "Barnieh offers Russia “huge opportunities” in reconstruction",
			Description: "Syrian Finance Minister Mohammad Yisr Barnieh told RIA Novosti that Syria is ready to offer Russia \"huge opportunities\" in reconstruction.",
			Texts: []Text{{Lang: "ar", Title: "برنية: سوريا مستعدة لتقديم \"فرص هائلة\" لروسيا لدعم إعادة الإعمار",
				Description: "صرح وزير المالية السوري، محمد يسر برنية، لوكالة \"ريا نوفوستي\" بأن سوريا مستعدة لتقديم \"فرص هائلة\" لروسيا لدعم جهود إعادة الإعمار."}},
			Kind:      KindStatement,
			Countries: []Country{sy, ru},
			Initiator: sy,
			Actors:    []Actor{{Name: "Mohammad Yisr Barnieh", Role: "Finance Minister", Country: sy}},
			Tags:      []string{"economy"},
			Sources:   cite,
		},
	}
}
