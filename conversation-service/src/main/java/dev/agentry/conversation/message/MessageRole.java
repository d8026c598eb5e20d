package dev.agentry.conversation.message;

/** Who wrote a message (the sales seed's speaker, the other seeds' role). */
public enum MessageRole {
    USER, ASSISTANT, SYSTEM, TOOL
}
