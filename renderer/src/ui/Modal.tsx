// A modal <dialog>: the browser traps focus and handles Escape; focus goes back where it was when it closes.
import { useEffect, useId, useRef, type ReactNode } from 'react';

interface Props {
  readonly title: string;
  readonly onClose: () => void;
  readonly className?: string;
  readonly children: ReactNode;
}

/** Opens as a modal on mount, labelled by its heading; the element marked `data-initial-focus` gets focus. */
export function Modal({ title, onClose, className, children }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const headingId = useId();

  useEffect(() => {
    const dialog = ref.current;
    const previous = document.activeElement;
    if (!dialog) return;
    dialog.showModal();
    // showModal focuses the first control; a destructive dialog should start on its safe button instead.
    dialog.querySelector<HTMLElement>('[data-initial-focus]')?.focus();
    return () => {
      dialog.close();
      if (previous instanceof HTMLElement && previous.isConnected) previous.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      aria-labelledby={headingId}
      className={className ? `modal ${className}` : 'modal'}
      onCancel={(e) => {
        // Escape: let the store close it, so state and screen agree.
        e.preventDefault();
        onClose();
      }}
    >
      <h2 id={headingId} className="modal-title">
        {title}
      </h2>
      {children}
    </dialog>
  );
}
