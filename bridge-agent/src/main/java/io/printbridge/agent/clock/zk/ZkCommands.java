package io.printbridge.agent.clock.zk;

/**
 * The ZK protocol's command and reply codes (the first field of every packet), and the event
 * flags of {@link #REG_EVENT}. Names follow the vendor SDK's, without the {@code CMD_} prefix.
 */
public final class ZkCommands {

    public static final int USER_WRQ = 8;
    public static final int USERTEMP_RRQ = 9;
    public static final int OPTIONS_RRQ = 11;
    public static final int OPTIONS_WRQ = 12;
    public static final int ATTLOG_RRQ = 13;
    public static final int CLEAR_DATA = 14;
    public static final int CLEAR_ATTLOG = 15;
    public static final int DELETE_USER = 18;
    public static final int GET_FREE_SIZES = 50;
    public static final int GET_TIME = 201;
    public static final int SET_TIME = 202;
    public static final int REG_EVENT = 500;
    public static final int CONNECT = 1000;
    public static final int EXIT = 1001;
    public static final int ENABLEDEVICE = 1002;
    public static final int DISABLEDEVICE = 1003;
    public static final int RESTART = 1004;
    public static final int REFRESHDATA = 1013;
    public static final int GET_VERSION = 1100;
    public static final int AUTH = 1102;
    public static final int PREPARE_DATA = 1500;
    public static final int DATA = 1501;
    public static final int FREE_DATA = 1502;
    /** Asks for a dataset through the buffer (the SDK's {@code CMD_DATA_WRRQ}). */
    public static final int PREPARE_BUFFER = 1503;
    /** Asks for one chunk of the prepared buffer (the SDK's {@code CMD_DATA_RDY}). */
    public static final int READ_BUFFER = 1504;

    public static final int ACK_OK = 2000;
    public static final int ACK_ERROR = 2001;
    public static final int ACK_DATA = 2002;
    public static final int ACK_RETRY = 2003;
    public static final int ACK_REPEAT = 2004;
    public static final int ACK_UNAUTH = 2005;
    public static final int ACK_UNKNOWN = 0xFFFF;

    /** The read-buffer function that selects the user table with {@link #USERTEMP_RRQ}. */
    public static final int FCT_USER = 5;

    /** The {@link #REG_EVENT} flag for attendance punches; an event carries it in its session id field. */
    public static final int EF_ATTLOG = 1;

    private ZkCommands() {}

    /** The code's name for messages ("CMD_CONNECT"), or its number when it has none here. */
    public static String name(int code) {
        switch (code) {
            case USER_WRQ:
                return "CMD_USER_WRQ";
            case USERTEMP_RRQ:
                return "CMD_USERTEMP_RRQ";
            case OPTIONS_RRQ:
                return "CMD_OPTIONS_RRQ";
            case OPTIONS_WRQ:
                return "CMD_OPTIONS_WRQ";
            case ATTLOG_RRQ:
                return "CMD_ATTLOG_RRQ";
            case CLEAR_DATA:
                return "CMD_CLEAR_DATA";
            case CLEAR_ATTLOG:
                return "CMD_CLEAR_ATTLOG";
            case DELETE_USER:
                return "CMD_DELETE_USER";
            case GET_FREE_SIZES:
                return "CMD_GET_FREE_SIZES";
            case GET_TIME:
                return "CMD_GET_TIME";
            case SET_TIME:
                return "CMD_SET_TIME";
            case REG_EVENT:
                return "CMD_REG_EVENT";
            case CONNECT:
                return "CMD_CONNECT";
            case EXIT:
                return "CMD_EXIT";
            case ENABLEDEVICE:
                return "CMD_ENABLEDEVICE";
            case DISABLEDEVICE:
                return "CMD_DISABLEDEVICE";
            case RESTART:
                return "CMD_RESTART";
            case REFRESHDATA:
                return "CMD_REFRESHDATA";
            case GET_VERSION:
                return "CMD_GET_VERSION";
            case AUTH:
                return "CMD_AUTH";
            case PREPARE_DATA:
                return "CMD_PREPARE_DATA";
            case DATA:
                return "CMD_DATA";
            case FREE_DATA:
                return "CMD_FREE_DATA";
            case PREPARE_BUFFER:
                return "CMD_DATA_WRRQ";
            case READ_BUFFER:
                return "CMD_DATA_RDY";
            case ACK_OK:
                return "CMD_ACK_OK";
            case ACK_ERROR:
                return "CMD_ACK_ERROR";
            case ACK_DATA:
                return "CMD_ACK_DATA";
            case ACK_RETRY:
                return "CMD_ACK_RETRY";
            case ACK_REPEAT:
                return "CMD_ACK_REPEAT";
            case ACK_UNAUTH:
                return "CMD_ACK_UNAUTH";
            case ACK_UNKNOWN:
                return "CMD_ACK_UNKNOWN";
            default:
                return "command " + code;
        }
    }
}
