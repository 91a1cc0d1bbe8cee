// The buttons of a dialog that confirms a destructive action: the action while it can still be taken, then the safe
// button, which the dialog focuses first.
interface Props {
  /** False once the action is done or refused: only the safe button is left, and it closes. */
  readonly canConfirm: boolean;
  /** The action is running: its button is disabled and says so. */
  readonly busy: boolean;
  readonly confirmText: string;
  readonly busyText: string;
  readonly onConfirm: () => void;
  readonly cancelText: string;
  readonly closeText: string;
  readonly onClose: () => void;
}

/** Confirm (danger) and Cancel, or Close alone when there is nothing left to confirm. */
export function ConfirmButtons(props: Props) {
  return (
    <div className="modal-buttons">
      {props.canConfirm && (
        <button type="button" className="button danger" disabled={props.busy} onClick={props.onConfirm}>
          {props.busy ? props.busyText : props.confirmText}
        </button>
      )}
      <button type="button" className="button" data-initial-focus onClick={props.onClose}>
        {props.canConfirm ? props.cancelText : props.closeText}
      </button>
    </div>
  );
}
