import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * Synthetic but varied support and sales sentences (turns, facts, events, summaries) made from
 * templates with random slot fills, deterministic for a seed. They are embedded once with the real
 * model, so that the vectors have the structure of real text (clusters by topic, near-duplicates,
 * shared vocabulary): recall measured on them means something, unlike uniform random vectors.
 */
final class SentenceCorpus {

    static final String[] TYPES = { "turn", "fact", "event", "summary" };

    private static final String[] NAMES = { "Anna", "Bao", "Carlos", "Dana", "Elif", "Farah", "Giulia", "Hiro", "Ines",
            "Jonas", "Kemal", "Lena", "Minh", "Nora", "Omar", "Priya", "Quentin", "Rosa", "Sven", "Tariq", "Uma",
            "Viktor", "Wen", "Ximena", "Yusuf", "Zoe", "Mr. Tran", "Ms. Keller", "Dr. Osei", "the customer",
            "the buyer", "the account owner", "the caller", "the shopper" };
    private static final String[] PRODUCTS = { "wireless earbuds", "running shoes", "espresso machine", "standing desk",
            "laptop sleeve", "smart thermostat", "yoga mat", "electric kettle", "noise-cancelling headphones",
            "hiking backpack", "winter jacket", "phone case", "robot vacuum", "air purifier", "gaming mouse",
            "mechanical keyboard", "4K monitor", "office chair", "water bottle", "fitness tracker", "blender",
            "rice cooker", "travel adapter", "USB-C hub", "portable charger", "bluetooth speaker", "desk lamp",
            "sofa cover", "baby stroller", "car seat", "electric toothbrush", "hair dryer", "coffee grinder",
            "premium subscription", "family plan", "business license", "cloud storage add-on", "annual membership",
            "prepaid SIM card", "fibre internet plan", "travel insurance", "hotel booking", "return flight",
            "gift card", "extended warranty", "installation service", "support package" };
    private static final String[] ISSUES = { "arrived damaged", "stopped working after a week", "was the wrong size",
            "never arrived", "was charged twice", "has a missing part", "does not pair with the phone",
            "overheats quickly", "is much louder than advertised", "came in the wrong colour",
            "shows an error on start-up", "was delivered to the wrong address", "drains the battery fast",
            "has a scratched screen", "cannot be activated", "renewed without notice", "is slower than promised",
            "keeps disconnecting", "leaks water", "has a broken zip" };
    private static final String[] CITIES = { "Hanoi", "Ho Chi Minh City", "Berlin", "Lyon", "Madrid", "Lisbon",
            "Warsaw", "Istanbul", "Nairobi", "Lagos", "Toronto", "Austin", "Denver", "Osaka", "Seoul", "Sydney",
            "Auckland", "Dublin", "Oslo", "Prague", "Milan", "Porto", "Singapore", "Jakarta", "Manila", "Mumbai",
            "Cape Town", "Santiago", "Lima", "Montreal" };
    private static final String[] CHANNELS = { "email", "phone", "live chat", "WhatsApp", "SMS", "the mobile app",
            "Zalo", "Messenger", "the web form" };
    private static final String[] CARRIERS = { "DHL", "UPS", "FedEx", "GHN", "Viettel Post", "the local courier",
            "La Poste", "Royal Mail" };
    private static final String[] MOODS = { "frustrated", "happy", "impatient", "confused", "polite but firm",
            "very satisfied", "angry", "relieved", "curious", "worried" };
    private static final String[] PAYMENTS = { "credit card", "PayPal", "bank transfer", "MoMo wallet",
            "cash on delivery", "Apple Pay", "store credit", "instalments" };
    private static final String[] WEEKDAYS = { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
            "Sunday" };
    private static final String[] MONTHS = { "January", "February", "March", "April", "May", "June", "July", "August",
            "September", "October", "November", "December" };
    private static final String[] ACTIONS = { "a full refund", "a replacement", "store credit", "a repair",
            "a discount on the next order", "an exchange for a larger size", "a callback from a supervisor",
            "free express shipping", "cancellation of the plan", "an upgrade to the next tier" };
    private static final String[] FEATURES = { "battery life", "price", "delivery time", "warranty", "colour options",
            "compatibility with Android", "energy consumption", "noise level", "weight", "size chart",
            "data limits", "roaming charges", "cancellation policy", "setup process" };

    private static final String[][] TEMPLATES = {
            // turns: what a customer or an agent said
            { "turn", "Hi, my {product} {issue}, can you help?" },
            { "turn", "I ordered the {product} on {weekday} and it {issue}." },
            { "turn", "Can I get {action} for order {order}? The {product} {issue}." },
            { "turn", "What is the {feature} of the {product}?" },
            { "turn", "Do you ship the {product} to {city}, and how long does it take?" },
            { "turn", "I'd like to pay for the {product} with {payment}, is that possible?" },
            { "turn", "Please change the delivery address of order {order} to {city}." },
            { "turn", "Is the {product} in stock in {city}? I need it before {weekday}." },
            { "turn", "How do I cancel my {product}? I was billed {amount} this month." },
            { "turn", "Your agent promised {action} but nothing happened since {month}." },
            { "turn", "Which {product} would you recommend under {amount}?" },
            { "turn", "Can you compare the {feature} of the {product} and the {product2}?" },
            { "turn", "Thanks, the {product} works now, you can close ticket {ticket}." },
            { "turn", "I still have not received my refund of {amount} for the {product}." },
            { "turn", "Agent: I have reset your {product}; please try again and tell me if it {issue}." },
            { "turn", "Agent: I can offer {action} for the {product}, would that work for you?" },
            { "turn", "Agent: the {product} with part number {sku} ships from our {city} warehouse." },
            // facts: what is known about a customer
            { "fact", "{name} prefers to be contacted by {channel}." },
            { "fact", "{name} lives in {city} and usually orders on {weekday}s." },
            { "fact", "{name} owns a {product} bought in {month}." },
            { "fact", "{name} pays by {payment} and has a budget of about {amount}." },
            { "fact", "{name} cares most about {feature} when choosing a {product}." },
            { "fact", "{name} has a {product} under warranty until {month}." },
            { "fact", "{name} moved from {city} to {city2} in {month}." },
            { "fact", "{name} is a repeat buyer of {product} accessories." },
            { "fact", "{name} asked not to receive marketing messages by {channel}." },
            { "fact", "{name} uses part {sku} with the {product}." },
            // events: something that happened
            { "event", "Order {order} for a {product} shipped via {carrier} on {weekday}." },
            { "event", "Refund of {amount} issued for order {order} ({product})." },
            { "event", "Ticket {ticket} escalated to a supervisor after the {product} {issue}." },
            { "event", "Payment of {amount} by {payment} failed for order {order}." },
            { "event", "{name} upgraded to the {product} in {month}." },
            { "event", "Replacement {product} sent to {city} with tracking {tracking}." },
            { "event", "Order {order} delivered to {city} by {carrier}; signed by {name}." },
            { "event", "Return label created for the {product} from order {order}." },
            { "event", "Subscription {product} renewed for {amount} on {weekday}." },
            { "event", "Stock of part {sku} ({product}) fell below ten units in {city}." },
            // summaries: what a whole conversation was about
            { "summary", "{name} contacted us by {channel} because the {product} {issue}; we agreed on {action}." },
            { "summary", "{name} was {mood} about the {feature} of the {product} and asked for {action}." },
            { "summary", "Conversation about shipping the {product} to {city}; {name} chose {carrier}." },
            { "summary", "{name} compared the {product} and the {product2} on {feature} and bought neither yet." },
            { "summary", "Billing question: {name} was charged {amount} twice by {payment}; refund promised." },
            { "summary", "{name} reported that the {product} {issue}; troubleshooting did not help, ticket {ticket} opened." },
            { "summary", "Sales chat: {name} from {city} wants a {product} under {amount} with good {feature}." },
    };

    private SentenceCorpus() {
    }

    /** {@code count} distinct sentences, each with its episode type, as "type\ttext". */
    static List<String[]> generate(int count, long seed) {
        Random random = new Random(seed);
        Set<String> seen = new LinkedHashSet<>();
        List<String[]> out = new ArrayList<>(count);
        int attempts = 0;
        while (out.size() < count) {
            if (++attempts > count * 50) {
                throw new IllegalStateException("templates cannot make " + count + " distinct sentences");
            }
            String[] template = TEMPLATES[random.nextInt(TEMPLATES.length)];
            String text = fill(template[1], random);
            if (seen.add(text)) {
                out.add(new String[] { template[0], text });
            }
        }
        return out;
    }

    private static String fill(String template, Random r) {
        String product = pick(PRODUCTS, r);
        String product2 = pick(PRODUCTS, r);
        String city = pick(CITIES, r);
        String city2 = pick(CITIES, r);
        return template.replace("{product2}", product2).replace("{product}", product)
                .replace("{city2}", city2).replace("{city}", city)
                .replace("{issue}", pick(ISSUES, r)).replace("{name}", pick(NAMES, r))
                .replace("{channel}", pick(CHANNELS, r)).replace("{carrier}", pick(CARRIERS, r))
                .replace("{mood}", pick(MOODS, r)).replace("{payment}", pick(PAYMENTS, r))
                .replace("{weekday}", pick(WEEKDAYS, r)).replace("{month}", pick(MONTHS, r))
                .replace("{action}", pick(ACTIONS, r)).replace("{feature}", pick(FEATURES, r))
                .replace("{order}", "#" + (100000 + r.nextInt(900000)))
                .replace("{ticket}", "T-" + (1000 + r.nextInt(9000)))
                .replace("{tracking}", String.format(Locale.ROOT, "%s%09d", r.nextBoolean() ? "JD" : "VN", r.nextInt(1_000_000_000)))
                .replace("{sku}", sku(r))
                .replace("{amount}", amount(r));
    }

    static String sku(Random r) {
        return String.format(Locale.ROOT, "%c%c-%04d-%c%c", (char) ('A' + r.nextInt(26)), (char) ('A' + r.nextInt(26)),
                r.nextInt(10000), (char) ('A' + r.nextInt(26)), (char) ('A' + r.nextInt(26)));
    }

    private static String amount(Random r) {
        return switch (r.nextInt(3)) {
            case 0 -> "$" + (5 + r.nextInt(995));
            case 1 -> (5 + r.nextInt(995)) + " EUR";
            default -> (50 + r.nextInt(9950)) + ",000 VND";
        };
    }

    private static String pick(String[] values, Random r) {
        return values[r.nextInt(values.length)];
    }
}
