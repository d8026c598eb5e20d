import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * Synthetic but varied offerings (a name and a one-sentence description) of the kinds Agentry's
 * tenants sell: homes and rentals, electronics, fashion, furniture, groceries, beauty, services,
 * travel, plans and courses. Made from templates with random slot fills, deterministic for a seed.
 * Each is embedded once with the real model (bench/.cache/catalog), so the vectors have the
 * structure of real product text: clusters by category, near-duplicates (the same product in
 * another colour or city), shared vocabulary. Recall measured on them means something, unlike
 * uniform random vectors.
 */
final class ProductCorpus {

    private static final String[] BRANDS = { "Aurora", "Nimbus", "Kestrel", "Lotus", "Saigon Home", "Hanoi Craft", "Vela",
            "Orion", "Maple & Co", "Bamboo Lane", "Mekong", "Nordlys", "Tamarind", "Sakura", "Atlas", "Pioneer", "Coastline",
            "Evergreen", "Zenith", "Harbor", "Lumen", "Terra", "Cobalt", "Solstice", "Juniper", "Sunrise", "Red River",
            "Halong", "Dalat Farm", "Phoenix" };
    private static final String[] COLOURS = { "black", "white", "navy", "olive", "sand", "charcoal", "red", "sky blue",
            "forest green", "rose", "silver", "walnut", "oak", "graphite", "ivory", "mustard" };
    private static final String[] MATERIALS = { "cotton", "linen", "merino wool", "recycled polyester", "leather", "canvas",
            "bamboo", "stainless steel", "aluminium", "solid oak", "rattan", "ceramic", "glass", "silk" };
    private static final String[] SIZES = { "XS", "S", "M", "L", "XL", "XXL", "size 38", "size 40", "size 42", "size 44" };
    private static final String[] CITIES = { "District 1", "District 2", "District 3", "District 7", "Thu Duc", "Binh Thanh",
            "Go Vap", "Phu Nhuan", "Tan Binh", "Hoan Kiem", "Ba Dinh", "Tay Ho", "Cau Giay", "Da Nang", "Nha Trang", "Hoi An",
            "Vung Tau", "Can Tho", "Hai Phong", "Da Lat" };
    private static final String[] VIEWS = { "river view", "city view", "park view", "sea view", "garden view", "pool view",
            "quiet inner courtyard", "lake view" };
    private static final String[] HOME_KINDS = { "apartment", "studio", "penthouse", "townhouse", "villa", "duplex",
            "serviced apartment", "shophouse", "garden house", "loft" };
    private static final String[] HOME_FEATURES = { "a large balcony", "a fitted kitchen", "two parking spaces",
            "a private pool", "floor-to-ceiling windows", "a rooftop terrace", "full furniture", "a home office",
            "24/7 security", "a gym and sauna in the building", "a small garden", "pet-friendly rules" };
    private static final String[] GADGETS = { "wireless earbuds", "noise-cancelling headphones", "smartphone", "tablet",
            "laptop", "4K monitor", "mechanical keyboard", "gaming mouse", "smartwatch", "fitness tracker", "bluetooth speaker",
            "portable charger", "USB-C hub", "action camera", "e-reader", "robot vacuum", "air purifier", "smart thermostat",
            "security camera", "router" };
    private static final String[] GADGET_SPECS = { "40 hours of battery life", "active noise cancelling", "a 120 Hz display",
            "fast charging at 65 W", "Wi-Fi 6", "IP68 water resistance", "a 256 GB drive", "16 GB of memory",
            "Bluetooth 5.3", "a HEPA filter", "voice control", "a 12 MP camera", "USB-C and HDMI ports", "a metal body" };
    private static final String[] CLOTHES = { "shirt", "dress", "jacket", "hoodie", "chinos", "jeans", "running shoes",
            "sneakers", "sandals", "raincoat", "polo shirt", "skirt", "blazer", "ao dai", "backpack", "tote bag", "scarf" };
    private static final String[] FITS = { "slim fit", "regular fit", "relaxed fit", "oversized", "tailored", "cropped" };
    private static final String[] FURNITURE = { "sofa", "armchair", "dining table", "desk", "office chair", "bookshelf",
            "bed frame", "wardrobe", "coffee table", "floor lamp", "rug", "mattress", "bar stool", "sideboard" };
    private static final String[] FOODS = { "jasmine rice", "ST25 rice", "arabica coffee beans", "robusta ground coffee",
            "green tea", "fish sauce", "dragon fruit", "mango", "durian", "cashew nuts", "honey", "coconut oil",
            "dried shiitake", "black pepper", "instant pho", "rice paper", "chili sauce", "lotus seeds" };
    private static final String[] ORIGINS = { "Dak Lak", "Son La", "Ben Tre", "Phu Quoc", "Soc Trang", "Lam Dong", "Tay Ninh",
            "Binh Phuoc", "Ha Giang", "Moc Chau" };
    private static final String[] PACKS = { "500 g bag", "1 kg bag", "5 kg sack", "250 ml bottle", "1 litre bottle",
            "gift box", "pack of 6", "pack of 12", "family pack" };
    private static final String[] BEAUTY = { "sunscreen SPF 50", "face serum", "moisturiser", "shampoo", "body lotion",
            "lip balm", "perfume", "clay mask", "cleansing oil", "hair conditioner" };
    private static final String[] SKIN = { "dry skin", "oily skin", "sensitive skin", "all skin types", "curly hair",
            "coloured hair", "daily use" };
    private static final String[] SERVICES = { "home cleaning", "air-conditioner maintenance", "plumbing repair",
            "laptop repair", "wedding photography", "moving service", "pest control", "interior design consultation",
            "car wash and detailing", "English tutoring", "yoga classes", "personal training", "house painting",
            "garden care", "laundry pickup" };
    private static final String[] DURATIONS = { "one hour", "two hours", "half a day", "a full day", "one visit a week",
            "a monthly visit", "ten sessions", "a three-month package" };
    private static final String[] TRIPS = { "Ha Long Bay cruise", "Sapa trekking tour", "Mekong Delta day trip",
            "Phu Quoc beach resort stay", "Hoi An lantern walk", "Da Lat flower farm visit", "Ninh Binh cycling tour",
            "Phong Nha cave expedition", "Con Dao diving trip", "Mui Ne sand dunes jeep tour" };
    private static final String[] TRIP_EXTRAS = { "hotel pickup", "lunch included", "an English-speaking guide",
            "kayaking", "a private cabin", "entrance tickets", "travel insurance", "a sunset dinner" };
    private static final String[] PLANS = { "fibre internet plan", "mobile data plan", "cloud storage plan",
            "music streaming subscription", "health insurance plan", "car insurance", "travel insurance",
            "gym membership", "software licence", "web hosting plan", "accounting software subscription" };
    private static final String[] PLAN_TERMS = { "monthly", "yearly", "for families", "for small businesses", "for students",
            "with no contract", "with 24/7 support", "with a free first month" };
    private static final String[] COURSES = { "Python programming", "digital marketing", "IELTS preparation",
            "UX design", "data analysis with SQL", "Japanese for beginners", "barista skills", "photography basics",
            "public speaking", "financial accounting" };
    private static final String[] LEVELS = { "beginner", "intermediate", "advanced", "weekend", "evening", "online",
            "intensive" };

    private ProductCorpus() {
    }

    /** {@code count} distinct offerings, each {name, description, type}. */
    static List<String[]> generate(int count, long seed) {
        Random r = new Random(seed);
        Set<String> seen = new LinkedHashSet<>();
        List<String[]> out = new ArrayList<>(count);
        int attempts = 0;
        while (out.size() < count) {
            if (++attempts > count * 50) {
                throw new IllegalStateException("templates cannot make " + count + " distinct offerings");
            }
            String[] o = one(r);
            if (seen.add(o[0] + "\n" + o[1])) {
                out.add(o);
            }
        }
        return out;
    }

    private static String[] one(Random r) {
        String brand = pick(BRANDS, r);
        switch (r.nextInt(10)) {
            case 0 -> {
                int bedrooms = 1 + r.nextInt(5);
                int area = 35 + r.nextInt(250);
                String kind = pick(HOME_KINDS, r);
                boolean rent = r.nextBoolean();
                return new String[] {
                        String.format(Locale.ROOT, "%d-bedroom %s in %s, %s", bedrooms, kind, pick(CITIES, r), pick(VIEWS, r)),
                        String.format(Locale.ROOT, "%s %s of %d m² with %s and %s, %s.", rent ? "For rent:" : "For sale:", kind, area,
                                pick(HOME_FEATURES, r), pick(HOME_FEATURES, r), rent ? "available from next month" : "pink book ready"),
                        "asset" };
            }
            case 1 -> {
                String g = pick(GADGETS, r);
                return new String[] { brand + " " + g + " " + (char) ('A' + r.nextInt(26)) + (1 + r.nextInt(20)) + " in " + pick(COLOURS, r),
                        "A " + g + " with " + pick(GADGET_SPECS, r) + " and " + pick(GADGET_SPECS, r) + ", two-year warranty.",
                        "physical" };
            }
            case 2 -> {
                String c = pick(CLOTHES, r);
                return new String[] { brand + " " + pick(FITS, r) + " " + c + ", " + pick(COLOURS, r) + ", " + pick(SIZES, r),
                        "A " + pick(MATERIALS, r) + " " + c + " for " + (r.nextBoolean() ? "everyday wear" : "the office")
                                + ", machine washable, free exchange within 30 days.",
                        "physical" };
            }
            case 3 -> {
                String f = pick(FURNITURE, r);
                return new String[] { brand + " " + pick(MATERIALS, r) + " " + f + " in " + pick(COLOURS, r),
                        String.format(Locale.ROOT, "A %s %s, %d cm wide, delivered and assembled in %s within %d days.",
                                r.nextBoolean() ? "modern" : "classic", f, 40 + r.nextInt(200), pick(CITIES, r), 1 + r.nextInt(10)),
                        "physical" };
            }
            case 4 -> {
                String food = pick(FOODS, r);
                return new String[] { brand + " " + food + " from " + pick(ORIGINS, r) + ", " + pick(PACKS, r),
                        (r.nextBoolean() ? "Organic " : "Premium ") + food + ", harvested this season, "
                                + (r.nextBoolean() ? "shipped in 24 hours" : "best before twelve months") + ".",
                        "physical" };
            }
            case 5 -> {
                String b = pick(BEAUTY, r);
                return new String[] { brand + " " + b + " for " + pick(SKIN, r) + ", " + (30 + r.nextInt(20) * 10) + " ml",
                        "A " + (r.nextBoolean() ? "fragrance-free " : "") + b + " with " + pick(new String[] { "niacinamide",
                                "vitamin C", "aloe vera", "green tea extract", "hyaluronic acid", "argan oil", "rice water" }, r)
                                + ", dermatologist tested.",
                        "physical" };
            }
            case 6 -> {
                String s = pick(SERVICES, r);
                return new String[] { s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1) + " in " + pick(CITIES, r)
                        + " by " + brand,
                        "Professional " + s + " for " + pick(DURATIONS, r) + ", booked online, "
                                + (r.nextBoolean() ? "tools and materials included" : "satisfaction guaranteed") + ".",
                        "service" };
            }
            case 7 -> {
                String t = pick(TRIPS, r);
                int days = 1 + r.nextInt(4);
                return new String[] { t + (days == 1 ? ", one day" : ", " + days + " days") + " by " + brand + " Travel",
                        "A " + (r.nextBoolean() ? "small-group" : "private") + " " + t.toLowerCase(Locale.ROOT) + " with "
                                + pick(TRIP_EXTRAS, r) + " and " + pick(TRIP_EXTRAS, r) + ".",
                        "service" };
            }
            case 8 -> {
                String p = pick(PLANS, r);
                return new String[] { brand + " " + p + " " + pick(PLAN_TERMS, r),
                        "A " + p + " " + pick(PLAN_TERMS, r) + ", cancel any time, "
                                + (r.nextBoolean() ? "activated the same day" : "first invoice after 30 days") + ".",
                        "financial" };
            }
            default -> {
                String c = pick(COURSES, r);
                return new String[] { pick(LEVELS, r) + " course in " + c + " by " + brand + " Academy",
                        String.format(Locale.ROOT, "%d weeks of %s, %s, with a certificate and %s.", 2 + r.nextInt(12), c,
                                r.nextBoolean() ? "live online classes" : "classes in " + pick(CITIES, r),
                                r.nextBoolean() ? "a final project" : "weekly exercises"),
                        "service" };
            }
        }
    }

    private static String pick(String[] values, Random r) {
        return values[r.nextInt(values.length)];
    }
}
